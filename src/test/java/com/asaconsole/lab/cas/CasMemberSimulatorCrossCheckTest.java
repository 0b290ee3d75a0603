package com.asaconsole.lab.cas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.asaconsole.directory.PasswordGenerator;
import com.asaconsole.lab.LabTest;
import com.asaconsole.lab.SambaDc;
import com.asaconsole.lab.SambaLab;
import com.asaconsole.remoting.ExchangeOperation.SetAsaCredential;
import com.asaconsole.remoting.ExchangeRemote;
import com.asaconsole.remoting.ExchangeVersion;
import com.asaconsole.remoting.WinRmLogin;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The CAS member SIMULATOR against a client that is not the console's: curl with MIT Kerberos
 * (kinit's ticket cache), as a domain-joined client behind the load balancer would be. The
 * namespace request goes to {@code https://mail.contoso.test/} but connects to one member, so
 * the ticket is for {@code HTTP/mail.contoso.test} exactly as a browser or Outlook asks for it.
 */
@ExtendWith(SambaLab.class)
@LabTest
class CasMemberSimulatorCrossCheckTest {

    private static final String NAMESPACE_SPN = "http/mail.contoso.test";

    private static SambaDc dc;
    private static SimulatedCasMembers lab;
    private static Path ccache;

    @BeforeAll
    static void start(SambaDc sambaDc) {
        dc = sambaDc;
        lab = new SimulatedCasMembers(dc, List.of(NAMESPACE_SPN));
        ccache = dc.kinit(dc.adminPrincipal(), dc.adminPassword());
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void curlWithMitKerberosIsAcceptedOnlyByTheMemberHoldingTheAsa() throws Exception {
        CasMemberSimulator holder = lab.start("cas5.contoso.test", ExchangeVersion.EXCHANGE_2016);
        CasMemberSimulator without = lab.start("cas6.contoso.test", ExchangeVersion.EXCHANGE_2016);
        String name = "XASA" + UUID.randomUUID().toString().substring(0, 4).toUpperCase();
        char[] password = new PasswordGenerator().generate();
        lab.createAsa(name, password);
        new ExchangeRemote(WinRmLogin.password(dc.adminPrincipal(), dc.adminPassword().toCharArray()), lab.trustStore())
                .run(holder.endpoint(), new SetAsaCredential("CONTOSO\\" + name + "$", password), Duration.ofSeconds(20));

        Curl accepted = curl("--connect-to", "mail.contoso.test:443:" + holder.host() + ":" + holder.port(),
                "https://mail.contoso.test/ews/exchange.asmx");
        assertThat(accepted.status).as(accepted.body).isEqualTo("200");
        assertThat(accepted.body).contains("Kerberos accepted for Administrator@CONTOSO.TEST");

        Curl refused = curl("--connect-to", "mail.contoso.test:443:" + without.host() + ":" + without.port(),
                "https://mail.contoso.test/ews/exchange.asmx");
        assertThat(refused.status).isEqualTo("401");
        assertThat(refused.body).contains("Checksum failed");
    }

    @Test
    void curlWithMitKerberosOpensAndClosesAWinRsShell() throws Exception {
        CasMemberSimulator member = lab.start("cas7.contoso.test", ExchangeVersion.EXCHANGE_2019);
        String url = "https://" + member.host() + ":" + member.port() + "/wsman";
        Curl created = curl("-H", "Content-Type: application/soap+xml;charset=UTF-8", "--data-binary", envelope(url,
                "http://schemas.xmlsoap.org/ws/2004/09/transfer/Create", "",
                "<rsp:Shell><rsp:InputStreams>stdin</rsp:InputStreams><rsp:OutputStreams>stdout stderr</rsp:OutputStreams></rsp:Shell>"), url);
        assertThat(created.status).as(created.body).isEqualTo("200");
        assertThat(created.body).contains("transfer/CreateResponse").contains("<w:Selector Name=\"ShellId\">");
        String shellId = created.body.replaceFirst("(?s).*<w:Selector Name=\"ShellId\">([^<]+)</w:Selector>.*", "$1");

        Curl deleted = curl("-H", "Content-Type: application/soap+xml;charset=UTF-8", "--data-binary", envelope(url,
                "http://schemas.xmlsoap.org/ws/2004/09/transfer/Delete",
                "<w:SelectorSet><w:Selector Name=\"ShellId\">" + shellId + "</w:Selector></w:SelectorSet>", ""), url);
        assertThat(deleted.status).isEqualTo("200");
        Curl again = curl("-H", "Content-Type: application/soap+xml;charset=UTF-8", "--data-binary", envelope(url,
                "http://schemas.xmlsoap.org/ws/2004/09/transfer/Delete",
                "<w:SelectorSet><w:Selector Name=\"ShellId\">" + shellId + "</w:Selector></w:SelectorSet>", ""), url);
        assertThat(again.status).isEqualTo("500");
        assertThat(again.body).contains("Code=\"2150858843\"");
    }

    private record Curl(String status, String body) {
    }

    private static Curl curl(String... args) throws IOException, InterruptedException {
        Path body = Files.createTempFile("curl-body", ".txt");
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--negotiate", "-u", ":", "--cacert",
                LabCertificates.get().caPem().toString(), "-o", body.toString(), "-w", "%{http_code}", "--max-time", "20"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("KRB5_CONFIG", dc.krb5Conf().toString());
        pb.environment().put("KRB5CCNAME", "FILE:" + ccache);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("curl is needed for this cross-check: apt-get install -y curl", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String text = Files.readString(body);
        Files.deleteIfExists(body);
        return new Curl(out.trim(), text);
    }

    private static String envelope(String to, String action, String selectors, String body) {
        return "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\""
                + " xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\" xmlns:rsp=\"http://schemas.microsoft.com/wbem/wsman/1/windows/shell\">"
                + "<s:Header><a:To>" + to + "</a:To><a:Action s:mustUnderstand=\"true\">" + action + "</a:Action>"
                + "<a:MessageID>uuid:" + UUID.randomUUID() + "</a:MessageID>"
                + "<w:ResourceURI s:mustUnderstand=\"true\">http://schemas.microsoft.com/wbem/wsman/1/windows/shell/cmd</w:ResourceURI>"
                + selectors + "<w:OperationTimeout>PT20S</w:OperationTimeout></s:Header><s:Body>" + body + "</s:Body></s:Envelope>";
    }
}
