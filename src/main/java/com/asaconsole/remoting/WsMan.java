package com.asaconsole.remoting;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The WS-Management (WinRS) messages the console sends, SOAP 1.2 with WS-Addressing 2004/08, and
 * reading the answers. Public so the CAS member simulator speaks exactly the same vocabulary.
 */
public final class WsMan {

    public static final String SOAP = "http://www.w3.org/2003/05/soap-envelope";
    public static final String ADDRESSING = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    public static final String WSMAN = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd";
    public static final String SHELL = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell";
    public static final String FAULT = "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault";
    public static final String CMD_RESOURCE = SHELL + "/cmd";
    public static final String ACTION_CREATE = "http://schemas.xmlsoap.org/ws/2004/09/transfer/Create";
    public static final String ACTION_DELETE = "http://schemas.xmlsoap.org/ws/2004/09/transfer/Delete";
    public static final String ACTION_COMMAND = SHELL + "/Command";
    public static final String ACTION_SEND = SHELL + "/Send";
    public static final String ACTION_RECEIVE = SHELL + "/Receive";
    public static final String ACTION_SIGNAL = SHELL + "/Signal";
    public static final String STATE_DONE = SHELL + "/CommandState/Done";
    public static final String SIGNAL_TERMINATE = SHELL + "/signal/terminate";
    /** "The WS-Management service cannot complete the operation within the time specified in OperationTimeout": receive again. */
    public static final String FAULT_OPERATION_TIMEOUT = "2150858793";
    /** The shell or command is gone: tolerated on Signal and Delete. */
    public static final String FAULT_SHELL_NOT_FOUND = "2150858843";

    private WsMan() {
    }

    static String create(String to, Duration timeout) {
        return envelope(to, ACTION_CREATE, timeout, null, """
                <w:OptionSet><w:Option Name="WINRS_NOPROFILE">TRUE</w:Option><w:Option Name="WINRS_CODEPAGE">65001</w:Option></w:OptionSet>""",
                "<rsp:Shell><rsp:InputStreams>stdin</rsp:InputStreams><rsp:OutputStreams>stdout stderr</rsp:OutputStreams></rsp:Shell>");
    }

    static String command(String to, Duration timeout, String shellId, String command, String arguments) {
        return envelope(to, ACTION_COMMAND, timeout, shellId, """
                <w:OptionSet><w:Option Name="WINRS_CONSOLEMODE_STDIN">TRUE</w:Option><w:Option Name="WINRS_SKIP_CMD_SHELL">FALSE</w:Option></w:OptionSet>""",
                "<rsp:CommandLine><rsp:Command>" + xml(command) + "</rsp:Command><rsp:Arguments>" + xml(arguments)
                        + "</rsp:Arguments></rsp:CommandLine>");
    }

    /** Built as bytes so the caller can overwrite the standard input (which may hold a password) afterwards. */
    static byte[] send(String to, Duration timeout, String shellId, String commandId, byte[] stdin) {
        String[] around = envelope(to, ACTION_SEND, timeout, shellId, "",
                "<rsp:Send><rsp:Stream Name=\"stdin\" CommandId=\"" + xml(commandId) + "\" End=\"true\">\u0000</rsp:Stream></rsp:Send>")
                .split("\u0000");
        byte[] encoded = java.util.Base64.getEncoder().encode(stdin);
        ByteArrayOutputStream out = new ByteArrayOutputStream(around[0].length() + encoded.length + around[1].length());
        out.writeBytes(around[0].getBytes(StandardCharsets.UTF_8));
        out.writeBytes(encoded);
        out.writeBytes(around[1].getBytes(StandardCharsets.UTF_8));
        java.util.Arrays.fill(encoded, (byte) 0);
        return out.toByteArray();
    }

    static String receive(String to, Duration timeout, String shellId, String commandId) {
        return envelope(to, ACTION_RECEIVE, timeout, shellId, "",
                "<rsp:Receive><rsp:DesiredStream CommandId=\"" + xml(commandId) + "\">stdout stderr</rsp:DesiredStream></rsp:Receive>");
    }

    static String signal(String to, Duration timeout, String shellId, String commandId) {
        return envelope(to, ACTION_SIGNAL, timeout, shellId, "", "<rsp:Signal CommandId=\"" + xml(commandId)
                + "\"><rsp:Code>" + SIGNAL_TERMINATE + "</rsp:Code></rsp:Signal>");
    }

    static String delete(String to, Duration timeout, String shellId) {
        return envelope(to, ACTION_DELETE, timeout, shellId, "", "");
    }

    private static String envelope(String to, String action, Duration timeout, String shellId, String options, String body) {
        return "<s:Envelope xmlns:s=\"" + SOAP + "\" xmlns:a=\"" + ADDRESSING + "\" xmlns:w=\"" + WSMAN + "\" xmlns:rsp=\""
                + SHELL + "\"><s:Header>"
                + "<a:To>" + xml(to) + "</a:To>"
                + "<a:ReplyTo><a:Address s:mustUnderstand=\"true\">http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address></a:ReplyTo>"
                + "<a:Action s:mustUnderstand=\"true\">" + action + "</a:Action>"
                + "<w:MaxEnvelopeSize s:mustUnderstand=\"true\">512000</w:MaxEnvelopeSize>"
                + "<a:MessageID>uuid:" + UUID.randomUUID() + "</a:MessageID>"
                + "<w:Locale xml:lang=\"en-US\" s:mustUnderstand=\"false\"/>"
                + "<w:OperationTimeout>PT" + Math.max(1, timeout.toSeconds()) + "S</w:OperationTimeout>"
                + "<w:ResourceURI s:mustUnderstand=\"true\">" + CMD_RESOURCE + "</w:ResourceURI>"
                + (shellId == null ? "" : "<w:SelectorSet><w:Selector Name=\"ShellId\">" + xml(shellId) + "</w:Selector></w:SelectorSet>")
                + options + "</s:Header><s:Body>" + body + "</s:Body></s:Envelope>";
    }

    public static String xml(String value) {
        StringBuilder sb = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
            case '<' -> sb.append("&lt;");
            case '>' -> sb.append("&gt;");
            case '&' -> sb.append("&amp;");
            case '"' -> sb.append("&quot;");
            case '\'' -> sb.append("&apos;");
            default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Parses a SOAP message without DTDs or external entities. */
    public static Document parse(byte[] body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        } catch (Exception e) {
            throw new IllegalArgumentException("not a SOAP message: " + e.getMessage(), e);
        }
    }

    /** Every element with this local name, in any namespace. */
    public static List<Element> elements(Document doc, String localName) {
        NodeList nodes = doc.getElementsByTagNameNS("*", localName);
        List<Element> list = new ArrayList<>(nodes.getLength());
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }

    public static String text(Document doc, String localName) {
        List<Element> list = elements(doc, localName);
        return list.isEmpty() ? null : list.get(0).getTextContent().trim();
    }

    /** The ShellId selector (Create's answer, every later request). */
    public static String shellId(Document doc) {
        return elements(doc, "Selector").stream().filter(e -> "ShellId".equals(e.getAttribute("Name")))
                .map(e -> e.getTextContent().trim()).findFirst().orElseGet(() -> text(doc, "ShellId"));
    }
}
