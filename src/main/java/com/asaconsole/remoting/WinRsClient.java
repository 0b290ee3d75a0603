package com.asaconsole.remoting;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import com.asaconsole.remoting.RemoteOperationFailed.Reason;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Runs one command in a WinRS shell over HTTPS: Create, Command, Send (standard input), Receive
 * until Done, Signal, Delete. Every request carries its own Kerberos token, so no authentication
 * state is shared between servers or threads; the JDK's HTTP client validates the certificate
 * against the configured trust store and the host name.
 */
final class WinRsClient {

    /** Longest single Receive wait; the loop asks again until the operation's deadline. */
    private static final Duration RECEIVE_WAIT = Duration.ofSeconds(20);
    private static final Duration CLEANUP_WAIT = Duration.ofSeconds(5);
    /** A first Create and, on connections the server closed while idle, two more. */
    private static final int CREATE_ATTEMPTS = 3;

    private final SSLContext tls;
    private final SpnegoInitiator kerberos;
    private final Map<Duration, HttpClient> clients = new ConcurrentHashMap<>();

    WinRsClient(SSLContext tls, SpnegoInitiator kerberos) {
        this.tls = tls;
        this.kerberos = kerberos;
    }

    record Output(int exitCode, String stdout, String stderr) {
    }

    Output run(CasEndpoint target, String command, String arguments, byte[] stdin, long deadlineNanos) {
        String to = "https://" + target.host() + ":" + target.port() + "/wsman";
        Document created = create(target, to, deadlineNanos);
        String shellId = WsMan.shellId(created);
        if (shellId == null) {
            throw protocol(target, "its answer to Create named no shell");
        }
        String commandId = null;
        try {
            Document started = post(target, to, WsMan.command(to, remaining(target, deadlineNanos), shellId, command, arguments)
                    .getBytes(StandardCharsets.UTF_8), deadlineNanos);
            commandId = WsMan.text(started, "CommandId");
            if (commandId == null) {
                throw protocol(target, "its answer to Command named no command");
            }
            byte[] send = WsMan.send(to, remaining(target, deadlineNanos), shellId, commandId, stdin);
            try {
                post(target, to, send, deadlineNanos);
            } finally {
                Arrays.fill(send, (byte) 0);
            }
            return receive(target, to, shellId, commandId, deadlineNanos);
        } finally {
            cleanUp(target, to, shellId, commandId);
        }
    }

    /**
     * Create is the one call sent again. A pooled connection the server closed while it sat idle (the server
     * or its WinRM service restarted, or went away) fails before any answer; a new connection then gets the
     * real answer, or "connection refused". Nothing has run yet at this point; at worst WinRM keeps an extra
     * idle shell, which it ends itself.
     */
    private Document create(CasEndpoint target, String to, long deadlineNanos) {
        for (int attempt = 1; ; attempt++) {
            try {
                return post(target, to, WsMan.create(to, remaining(target, deadlineNanos)).getBytes(StandardCharsets.UTF_8),
                        deadlineNanos);
            } catch (RemoteOperationFailed e) {
                if (attempt == CREATE_ATTEMPTS || e.reason() != Reason.UNREACHABLE || !closedBeforeAnswer(e.getCause())) {
                    throw e;
                }
            }
        }
    }

    private static boolean closedBeforeAnswer(Throwable e) {
        String chain = chain(e);
        return hasCause(e, java.io.EOFException.class) || chain.contains("received no bytes") || chain.contains("connection reset");
    }

    private Output receive(CasEndpoint target, String to, String shellId, String commandId, long deadlineNanos) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        while (true) {
            Duration wait = remaining(target, deadlineNanos);
            if (wait.compareTo(RECEIVE_WAIT) > 0) {
                wait = RECEIVE_WAIT;
            }
            Document answer;
            try {
                answer = post(target, to, WsMan.receive(to, wait, shellId, commandId).getBytes(StandardCharsets.UTF_8), deadlineNanos);
            } catch (WsManFault fault) {
                if (WsMan.FAULT_OPERATION_TIMEOUT.equals(fault.code)) {
                    continue; // still running: ask again until our own deadline
                }
                throw fault;
            }
            for (Element stream : WsMan.elements(answer, "Stream")) {
                byte[] chunk = Base64.getMimeDecoder().decode(stream.getTextContent().trim());
                ("stderr".equals(stream.getAttribute("Name")) ? stderr : stdout).writeBytes(chunk);
            }
            Element state = WsMan.elements(answer, "CommandState").stream().findFirst().orElse(null);
            if (state != null && WsMan.STATE_DONE.equals(state.getAttribute("State"))) {
                String exit = WsMan.text(answer, "ExitCode");
                return new Output(exit == null ? -1 : Integer.parseInt(exit), stdout.toString(StandardCharsets.UTF_8),
                        stderr.toString(StandardCharsets.UTF_8));
            }
        }
    }

    private void cleanUp(CasEndpoint target, String to, String shellId, String commandId) {
        long deadline = System.nanoTime() + CLEANUP_WAIT.toNanos();
        try {
            if (commandId != null) {
                post(target, to, WsMan.signal(to, CLEANUP_WAIT, shellId, commandId).getBytes(StandardCharsets.UTF_8), deadline);
            }
        } catch (RuntimeException e) {
            // the command may be gone already (fault 2150858843); the shell is deleted next
        }
        try {
            post(target, to, WsMan.delete(to, CLEANUP_WAIT, shellId).getBytes(StandardCharsets.UTF_8), deadline);
        } catch (RuntimeException e) {
            // WinRM ends idle shells itself (IdleTimeout); nothing more to do from here
        }
    }

    private Document post(CasEndpoint target, String to, byte[] body, long deadlineNanos) {
        Duration timeout = remaining(target, deadlineNanos);
        HttpRequest request = HttpRequest.newBuilder(URI.create(to)).timeout(timeout)
                .header("Content-Type", "application/soap+xml;charset=UTF-8")
                .header("Authorization", kerberos.authorization(target))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<byte[]> response;
        try {
            response = client(target.connectTimeout()).send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw unreachable(target, e, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteOperationFailed(target.address(), Reason.TIMEOUT, "The call to " + target.address() + " was interrupted", e);
        }
        int status = response.statusCode();
        if (status == 401) {
            String said = shortText(response.body()).replaceAll("[.\\s]+$", "");
            throw new RemoteOperationFailed(target.address(), Reason.KERBEROS_REFUSED, target.host() + " refused Kerberos"
                    + (said.isEmpty() ? "" : ": " + said) + ". Check that HTTP/" + target.host()
                    + " belongs to its computer account, that WinRM allows Kerberos and that the clocks agree.", null);
        }
        if (status == 200) {
            return WsMan.parse(response.body());
        }
        if (status == 500) {
            Document fault;
            try {
                fault = WsMan.parse(response.body());
            } catch (IllegalArgumentException e) {
                throw protocol(target, "it answered HTTP 500 without a SOAP fault");
            }
            Element detail = WsMan.elements(fault, "WSManFault").stream().findFirst().orElse(null);
            String code = detail == null ? null : detail.getAttribute("Code");
            String message = WsMan.text(fault, "Message");
            if (message == null) {
                message = WsMan.text(fault, "Text");
            }
            throw new WsManFault(target, code, message);
        }
        throw protocol(target, "it answered HTTP " + status + " to a WS-Management request");
    }

    private static RemoteOperationFailed unreachable(CasEndpoint target, IOException e, Duration timeout) {
        String chain = chain(e);
        if (e instanceof HttpConnectTimeoutException) {
            return new RemoteOperationFailed(target.address(), Reason.UNREACHABLE, "Cannot reach " + target.address()
                    + ": no connection within " + seconds(target.connectTimeout()) + " (firewall, or the WinRM HTTPS listener is not running)", e);
        }
        if (e instanceof HttpTimeoutException) {
            return new RemoteOperationFailed(target.address(), Reason.TIMEOUT, target.address() + " did not answer within "
                    + seconds(timeout), e);
        }
        if (e instanceof SSLHandshakeException || e instanceof SSLException) {
            String why = chain.contains("no subject alternative") || chain.contains("no name matching")
                    ? "its certificate does not name " + target.host()
                    : chain.contains("pkix") || chain.contains("certification path") || chain.contains("unable to find valid")
                            ? "its certificate is not issued by a CA in the console's WinRM trust store"
                            : "the TLS handshake failed (" + firstLine(e) + ")";
            return new RemoteOperationFailed(target.address(), Reason.UNTRUSTED_CERTIFICATE, "Refused to talk to " + target.address()
                    + ": " + why + ". Add the issuing CA to the console's WinRM trust store or fix the server's certificate.", e);
        }
        if (hasCause(e, ConnectException.class) || chain.contains("connection refused")) {
            return new RemoteOperationFailed(target.address(), Reason.UNREACHABLE, "Cannot reach " + target.address()
                    + ": connection refused (is the WinRM HTTPS listener configured? winrm enumerate winrm/config/listener)", e);
        }
        if (closedBeforeAnswer(e)) {
            return new RemoteOperationFailed(target.address(), Reason.UNREACHABLE, "Cannot reach " + target.address()
                    + ": it closed the connection without answering (did the server or its WinRM service just restart?)", e);
        }
        if (hasCause(e, UnknownHostException.class)) {
            return new RemoteOperationFailed(target.address(), Reason.UNREACHABLE, "Cannot reach " + target.address()
                    + ": the name " + target.host() + " does not resolve", e);
        }
        return new RemoteOperationFailed(target.address(), Reason.UNREACHABLE, "Cannot reach " + target.address() + ": "
                + firstLine(e), e);
    }

    private HttpClient client(Duration connectTimeout) {
        return clients.computeIfAbsent(connectTimeout, t -> HttpClient.newBuilder().sslContext(tls).connectTimeout(t)
                .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build());
    }

    private static Duration remaining(CasEndpoint target, long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw new RemoteOperationFailed(target.address(), Reason.TIMEOUT, target.address()
                    + " did not finish in the time allowed for the operation", null);
        }
        return Duration.ofNanos(left);
    }

    private static RemoteOperationFailed protocol(CasEndpoint target, String what) {
        return new RemoteOperationFailed(target.address(), Reason.PROTOCOL, target.address()
                + " does not speak WS-Management as expected: " + what, null);
    }

    private static String shortText(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").trim();
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String chain(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append(" | ");
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                return t.getMessage().lines().findFirst().orElse("");
            }
        }
        return e.getClass().getSimpleName();
    }

    /** A SOAP fault with its WS-Management code, e.g. 2150858793 (operation timeout). */
    static final class WsManFault extends RemoteOperationFailed {
        final String code;

        WsManFault(CasEndpoint target, String code, String message) {
            super(target.address(), Reason.PROTOCOL, target.address() + " answered with WS-Management fault "
                    + (code == null || code.isEmpty() ? "" : code) + ": " + (message == null ? "(no message)" : message), null);
            this.code = code;
        }
    }
}
