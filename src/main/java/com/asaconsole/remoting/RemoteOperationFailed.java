package com.asaconsole.remoting;

/**
 * A remote operation that did not succeed; the message is a sentence an admin can act on and
 * never carries a secret.
 */
public class RemoteOperationFailed extends RuntimeException {

    /** What went wrong, for callers that decide by kind (retry, stop the rollout, ask for a fix). */
    public enum Reason {
        /** no TCP or TLS connection: name, port, firewall, the WinRM listener */
        UNREACHABLE,
        /** connected, but no answer in time */
        TIMEOUT,
        /** the server's certificate is not trusted or does not name it */
        UNTRUSTED_CERTIFICATE,
        /** no ticket for the server, or the server refused it */
        KERBEROS_REFUSED,
        /** the Exchange cmdlet failed; the message carries its error */
        CMDLET_FAILED,
        /** a WS-Management fault or an answer the console does not understand */
        PROTOCOL
    }

    private final String server;
    private final Reason reason;

    public RemoteOperationFailed(String server, Reason reason, String sentence, Throwable cause) {
        super(sentence, cause);
        this.server = server;
        this.reason = reason;
    }

    /** host:port of the server */
    public String server() {
        return server;
    }

    public Reason reason() {
        return reason;
    }
}
