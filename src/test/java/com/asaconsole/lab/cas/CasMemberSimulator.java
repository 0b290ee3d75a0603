package com.asaconsole.lab.cas;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import javax.net.ssl.SSLContext;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosKey;
import javax.security.auth.kerberos.KeyTab;

import com.asaconsole.remoting.CasEndpoint;
import com.asaconsole.remoting.ExchangeVersion;
import com.asaconsole.remoting.WsMan;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.Oid;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A SIMULATOR of one Exchange Client Access server, for tests and the local lab; never a real
 * server. It answers WS-Management (WinRS: Create, Command, Send, Receive, Signal, Delete, faults)
 * on {@code https://<host>:<port>/wsman}, authenticating every request with Kerberos from the
 * keytab of {@code HTTP/<host>} exported from the lab KDC; it reads every script with an independent
 * PowerShell parser, refuses syntax errors and cmdlets or parameters its Exchange version lacks, and
 * acts on the cmdlets the script calls ({@link SimulatedScripts}); and it serves {@code /ews} protected by SPNEGO that
 * accepts tickets for the namespace SPNs only with the ASA keys deployed to it, Latest then
 * Previous, so a member without the current credential fails with "Checksum failed" like a real
 * CAS. Fault switches: unreachable, slow, cmdlet error, authentication failure.
 */
public final class CasMemberSimulator implements AutoCloseable {

    private static final Oid SPNEGO = oid("1.3.6.1.5.5.2");

    static {
        // the JDK server writes headers and body apart: without TCP_NODELAY every answer waits for a delayed ACK (~40 ms)
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final String host;
    private final ExchangeVersion version;
    private final Path keytab;
    private final List<String> namespaceSpns;
    private final String realm;
    private final String dnsDomain;
    private final SSLContext tls;
    private final Function<String, CasMemberSimulator> peers;
    private final SimulatedMemberState state = new SimulatedMemberState(Clock.systemUTC());
    private final Map<String, SimulatedShell> shells = new ConcurrentHashMap<>();
    private final ExecutorService commands = Executors.newCachedThreadPool(daemon("cas-simulator-command"));
    private final int port;
    private HttpsServer server;
    private ExecutorService requests;

    private volatile Duration latency = Duration.ZERO;
    private volatile String cmdletError;
    private volatile boolean authenticationFailure;
    private volatile SimulatedEstate estate;
    private final java.util.concurrent.atomic.AtomicInteger dropping = new java.util.concurrent.atomic.AtomicInteger();

    CasMemberSimulator(String host, int port, ExchangeVersion version, Path keytab, List<String> namespaceSpns, String realm,
            String dnsDomain, SSLContext tls, Function<String, CasMemberSimulator> peers) {
        this.host = host;
        this.version = version;
        this.keytab = keytab;
        this.namespaceSpns = List.copyOf(namespaceSpns);
        this.realm = realm;
        this.dnsDomain = dnsDomain;
        this.tls = tls;
        this.peers = peers;
        this.port = listen(port);
        System.out.printf("[lab] CAS member SIMULATOR %s (Exchange %s) on https://%s:%d/wsman%n", host, version.label(), host, this.port);
    }

    // --- what tests see ----------------------------------------------------------------------

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public ExchangeVersion version() {
        return version;
    }

    /** How the console reaches this member. */
    public CasEndpoint endpoint() {
        return new CasEndpoint(host, port, version, Duration.ofSeconds(2));
    }

    /** The namespace endpoint a Kerberos probe sends its SPNEGO request to. */
    public URI namespaceUrl() {
        return URI.create("https://" + host + ":" + port + "/ews/exchange.asmx");
    }

    /** "CONTOSO\EXASA$" or null: the ASA credential used first. */
    public String latestAccount() {
        SimulatedAsaCredential c = state.latest();
        return c == null ? null : c.account;
    }

    public String previousAccount() {
        SimulatedAsaCredential c = state.previous();
        return c == null ? null : c.account;
    }

    public boolean oabConverted() {
        return state.oabConverted;
    }

    public String outlookAnywhereInternalAuthentication() {
        return state.outlookAnywhereInternal();
    }

    public List<String> mapiAuthenticationMethods() {
        return state.mapiMethods();
    }

    public void operatingSystem(String caption, String version) {
        state.osCaption = caption;
        state.osVersion = version;
    }

    // --- fault switches ----------------------------------------------------------------------

    /**
     * Dropped connections: the next {@code requests} WS-Management requests are read and their connections
     * closed without an answer, as a client sees a pooled connection the server closed while it was idle.
     */
    public void dropNextRequests(int requests) {
        dropping.set(requests);
    }

    /** The server rebuilt (or reinstalled) without the ASA credential: Latest and Previous are gone. */
    public void rebuiltWithoutCredential() {
        state().removeCredentials();
    }

    /**
     * Set-ClientAccessService -AlternateServiceAccountCredential run outside the console, e.g. by
     * RollAlternateServiceAccountPassword.ps1 on the members that were up during a roll.
     */
    public void credentialSetOutsideTheConsole(String account, char[] password) {
        state().deploy(account, password);
    }

    /**
     * Dates the Latest credential back to {@code when}, as Get-ClientAccessService reports it for a
     * member that received it at a roll long ago (a test cannot wait for a rotation interval).
     */
    public void credentialReceivedAt(Instant when) {
        state().receivedAt(when);
    }

    /** Unreachable: stops listening (connection refused); false listens again on the same port. */
    public synchronized void unreachable(boolean down) {
        if (down && server != null) {
            server.stop(0);
            requests.shutdownNow();
            server = null;
            System.out.printf("[lab] CAS member SIMULATOR %s:%d switched to unreachable%n", host, port);
        } else if (!down && server == null) {
            listen(port);
        }
    }

    /** Slow: every command takes this long before it answers. */
    public void latency(Duration perCommand) {
        this.latency = perCommand;
    }

    /** Cmdlet error: every script fails with this message, as an Exchange cmdlet would; null clears it. */
    public void cmdletError(String message) {
        this.cmdletError = message;
    }

    /** Authentication failure: WS-Management answers 401 to every request, whatever the ticket. */
    public void authenticationFailure(boolean on) {
        this.authenticationFailure = on;
    }

    String cmdletError() {
        return cmdletError;
    }

    /** The organization this member reports to discovery scripts (shared by the members of one lab). */
    SimulatedEstate estate() {
        return estate;
    }

    void estate(SimulatedEstate estate) {
        this.estate = estate;
    }

    SimulatedMemberState state() {
        return state;
    }

    SimulatedMemberState peer(String name) {
        CasMemberSimulator peer = peers.apply(name);
        if (peer == null) {
            throw new IllegalStateException("The operation couldn't be performed because object '" + name + "' couldn't be found.");
        }
        return peer.state;
    }

    // --- HTTP --------------------------------------------------------------------------------

    private synchronized int listen(int wanted) {
        try {
            HttpsServer s = HttpsServer.create(new InetSocketAddress("127.0.0.1", wanted), 64);
            s.setHttpsConfigurator(new HttpsConfigurator(tls));
            requests = Executors.newCachedThreadPool(daemon("cas-simulator-http"));
            s.setExecutor(requests);
            s.createContext("/wsman", this::wsman);
            s.createContext("/ews", this::namespace);
            s.start();
            server = s;
            return s.getAddress().getPort();
        } catch (IOException e) {
            throw new IllegalStateException("the CAS member SIMULATOR " + host + " cannot listen on port " + wanted, e);
        }
    }

    private void wsman(HttpExchange exchange) throws IOException {
        if (dropping.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseBody().close(); // no status line: the server closes the connection
            exchange.close();
            return;
        }
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (authenticationFailure || !acceptsKerberos(exchange)) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Negotiate");
                respond(exchange, 401, "text/plain", "Access is denied.");
                return;
            }
            Document request = WsMan.parse(body);
            String action = WsMan.text(request, "Action");
            String messageId = WsMan.text(request, "MessageID");
            try {
                String answer = switch (action) {
                case WsMan.ACTION_CREATE -> create();
                case WsMan.ACTION_COMMAND -> shell(request).command(request);
                case WsMan.ACTION_SEND -> shell(request).send(request);
                case WsMan.ACTION_RECEIVE -> shell(request).receive(request, operationTimeout(request));
                case WsMan.ACTION_SIGNAL -> shell(request).signal(request);
                case WsMan.ACTION_DELETE -> delete(request);
                default -> throw new Fault("2150858817", "The WS-Management service does not support the specified action.");
                };
                respond(exchange, 200, "application/soap+xml;charset=UTF-8", reply(action + "Response", messageId, answer));
            } catch (Fault f) {
                respond(exchange, 500, "application/soap+xml;charset=UTF-8", fault(messageId, f));
            }
        }
    }

    private boolean acceptsKerberos(HttpExchange exchange) {
        String token = negotiateToken(exchange);
        if (token == null) {
            return false;
        }
        Subject acceptor = new Subject();
        acceptor.getPrivateCredentials().add(KeyTab.getUnboundInstance(keytab.toFile()));
        try {
            accept(acceptor, token);
            return true;
        } catch (Exception e) {
            System.out.printf("[lab] CAS member SIMULATOR %s refused a WinRM ticket: %s%n", host, e.getMessage());
            return false;
        }
    }

    /** The namespace endpoint: Kerberos for the load-balanced SPNs with the ASA keys this member holds. */
    private void namespace(HttpExchange exchange) throws IOException {
        try (exchange) {
            String token = negotiateToken(exchange);
            if (token == null) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Negotiate");
                respond(exchange, 401, "text/plain", "Negotiate required");
                return;
            }
            SimulatedAsaCredential latest = state.latest();
            SimulatedAsaCredential previous = state.previous();
            List<List<KerberosKey>> tries = new java.util.ArrayList<>();
            if (latest != null) {
                tries.add(latest.keysFor(namespaceSpns, realm, dnsDomain));
            }
            if (previous != null) {
                tries.add(previous.keysFor(namespaceSpns, realm, dnsDomain));
            }
            if (tries.isEmpty()) {
                tries.add(SimulatedAsaCredential.machineKeys(host, namespaceSpns, realm));
            }
            String failure = null;
            for (List<KerberosKey> keys : tries) {
                Subject acceptor = new Subject();
                acceptor.getPrivateCredentials().addAll(keys);
                try {
                    String client = accept(acceptor, token);
                    state.logon("Kerberos");
                    respond(exchange, 200, "text/plain", "Kerberos accepted for " + client + " by the CAS member SIMULATOR " + host);
                    return;
                } catch (Exception e) {
                    failure = e.getMessage();
                }
            }
            exchange.getResponseHeaders().add("WWW-Authenticate", "Negotiate");
            respond(exchange, 401, "text/plain", "The CAS member SIMULATOR " + host + " cannot decrypt the ticket: " + failure);
        }
    }

    private static String accept(Subject acceptor, String token) throws Exception {
        try {
            return acceptAs(acceptor, token);
        } catch (java.security.PrivilegedActionException e) {
            throw e.getException();
        }
    }

    private static String acceptAs(Subject acceptor, String token) throws java.security.PrivilegedActionException {
        return Subject.doAs(acceptor, (PrivilegedExceptionAction<String>) () -> {
            GSSManager manager = GSSManager.getInstance();
            GSSCredential credential = manager.createCredential(null, GSSCredential.INDEFINITE_LIFETIME, SPNEGO,
                    GSSCredential.ACCEPT_ONLY);
            GSSContext context = manager.createContext(credential);
            try {
                byte[] in = Base64.getDecoder().decode(token);
                context.acceptSecContext(in, 0, in.length);
                if (!context.isEstablished()) {
                    throw new GSSException(GSSException.DEFECTIVE_TOKEN, 0, "the context needs more than one round");
                }
                return context.getSrcName().toString();
            } finally {
                context.dispose();
            }
        });
    }

    private static String negotiateToken(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        return header != null && header.regionMatches(true, 0, "Negotiate ", 0, 10) ? header.substring(10).trim() : null;
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    // --- WinRS -------------------------------------------------------------------------------

    private String create() {
        String id = UUID.randomUUID().toString().toUpperCase();
        shells.put(id, new SimulatedShell(id));
        return "<x:ResourceCreated xmlns:x=\"http://schemas.xmlsoap.org/ws/2004/09/transfer\"><a:Address>https://" + host + ":" + port
                + "/wsman</a:Address><a:ReferenceParameters><w:ResourceURI>" + WsMan.CMD_RESOURCE
                + "</w:ResourceURI><w:SelectorSet><w:Selector Name=\"ShellId\">" + id
                + "</w:Selector></w:SelectorSet></a:ReferenceParameters></x:ResourceCreated>";
    }

    private String delete(Document request) {
        if (shells.remove(WsMan.shellId(request)) == null) {
            throw new Fault(WsMan.FAULT_SHELL_NOT_FOUND, "The request for the Windows Remote Shell with ShellId "
                    + WsMan.shellId(request) + " failed because the shell was not found on the server.");
        }
        return "";
    }

    private SimulatedShell shell(Document request) {
        SimulatedShell shell = shells.get(String.valueOf(WsMan.shellId(request)));
        if (shell == null) {
            throw new Fault(WsMan.FAULT_SHELL_NOT_FOUND, "The request for the Windows Remote Shell with ShellId "
                    + WsMan.shellId(request) + " failed because the shell was not found on the server.");
        }
        return shell;
    }

    private static Duration operationTimeout(Document request) {
        String value = WsMan.text(request, "OperationTimeout");
        try {
            return value == null ? Duration.ofSeconds(20) : Duration.parse(value);
        } catch (RuntimeException e) {
            return Duration.ofSeconds(20);
        }
    }

    private final class SimulatedShell {
        private final String id;
        private final Map<String, SimulatedCommand> commands = new ConcurrentHashMap<>();

        SimulatedShell(String id) {
            this.id = id;
        }

        String command(Document request) {
            String arguments = WsMan.text(request, "Arguments");
            String commandId = UUID.randomUUID().toString().toUpperCase();
            commands.put(commandId, new SimulatedCommand(SimulatedScripts.decodeCommand(arguments == null ? "" : arguments)));
            return "<rsp:CommandResponse><rsp:CommandId>" + commandId + "</rsp:CommandId></rsp:CommandResponse>";
        }

        String send(Document request) {
            for (Element stream : WsMan.elements(request, "Stream")) {
                SimulatedCommand command = command(stream.getAttribute("CommandId"));
                command.stdin.append(new String(Base64.getMimeDecoder().decode(stream.getTextContent().trim()), StandardCharsets.UTF_8));
                if ("true".equalsIgnoreCase(stream.getAttribute("End"))) {
                    command.start();
                }
            }
            return "<rsp:SendResponse/>";
        }

        String receive(Document request, Duration wait) {
            Element desired = WsMan.elements(request, "DesiredStream").stream().findFirst().orElseThrow();
            String commandId = desired.getAttribute("CommandId");
            SimulatedCommand command = command(commandId);
            SimulatedScripts.Run run;
            try {
                run = command.result.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new Fault(WsMan.FAULT_OPERATION_TIMEOUT,
                        "The WS-Management service cannot complete the operation within the time specified in OperationTimeout.");
            } catch (Exception e) {
                throw new Fault("2150858752", "SIMULATOR: the command failed: " + e);
            }
            return "<rsp:ReceiveResponse>" + stream("stdout", commandId, run.stdout()) + stream("stderr", commandId, run.stderr())
                    + "<rsp:CommandState CommandId=\"" + commandId + "\" State=\"" + WsMan.STATE_DONE + "\"><rsp:ExitCode>"
                    + run.exitCode() + "</rsp:ExitCode></rsp:CommandState></rsp:ReceiveResponse>";
        }

        String signal(Document request) {
            Element signal = WsMan.elements(request, "Signal").stream().findFirst().orElseThrow();
            SimulatedCommand command = commands.remove(signal.getAttribute("CommandId"));
            if (command == null) {
                throw new Fault(WsMan.FAULT_SHELL_NOT_FOUND, "The command was not found in shell " + id + ".");
            }
            return "<rsp:SignalResponse/>";
        }

        private SimulatedCommand command(String commandId) {
            SimulatedCommand command = commands.get(commandId);
            if (command == null) {
                throw new Fault(WsMan.FAULT_SHELL_NOT_FOUND, "The command " + commandId + " was not found in shell " + id + ".");
            }
            return command;
        }

        private static String stream(String name, String commandId, String text) {
            String content = text.isEmpty() ? "" : Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
            return "<rsp:Stream Name=\"" + name + "\" CommandId=\"" + commandId + "\">" + content + "</rsp:Stream>"
                    + "<rsp:Stream Name=\"" + name + "\" CommandId=\"" + commandId + "\" End=\"true\"></rsp:Stream>";
        }
    }

    private final class SimulatedCommand {
        private final String script;
        private final StringBuilder stdin = new StringBuilder();
        private final CompletableFuture<SimulatedScripts.Run> result = new CompletableFuture<>();

        SimulatedCommand(String script) {
            this.script = script;
        }

        void start() {
            Duration delay = latency;
            commands.execute(() -> {
                try {
                    Thread.sleep(delay.toMillis());
                    result.complete(SimulatedScripts.run(CasMemberSimulator.this, script, stdin.toString()));
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            });
        }
    }

    private String reply(String action, String relatesTo, String body) {
        return "<s:Envelope xmlns:s=\"" + WsMan.SOAP + "\" xmlns:a=\"" + WsMan.ADDRESSING + "\" xmlns:w=\"" + WsMan.WSMAN
                + "\" xmlns:rsp=\"" + WsMan.SHELL + "\"><s:Header><a:Action>" + action + "</a:Action><a:MessageID>uuid:" + UUID.randomUUID()
                + "</a:MessageID><a:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:To><a:RelatesTo>"
                + WsMan.xml(String.valueOf(relatesTo)) + "</a:RelatesTo></s:Header><s:Body>" + body + "</s:Body></s:Envelope>";
    }

    private String fault(String relatesTo, Fault f) {
        return reply("http://schemas.dmtf.org/wbem/wsman/1/wsman/fault", relatesTo, "<s:Fault><s:Code><s:Value>s:Receiver</s:Value>"
                + "</s:Code><s:Reason><s:Text xml:lang=\"en-US\">" + WsMan.xml(f.getMessage()) + "</s:Text></s:Reason><s:Detail>"
                + "<f:WSManFault xmlns:f=\"" + WsMan.FAULT + "\" Code=\"" + f.code + "\" Machine=\"" + host + "\"><f:Message>"
                + WsMan.xml(f.getMessage()) + "</f:Message></f:WSManFault></s:Detail></s:Fault>");
    }

    private static final class Fault extends RuntimeException {
        final String code;

        Fault(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            requests.shutdownNow();
            server = null;
        }
        commands.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private static Oid oid(String value) {
        try {
            return new Oid(value);
        } catch (GSSException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
