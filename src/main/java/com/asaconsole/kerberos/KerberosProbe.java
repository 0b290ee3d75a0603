package com.asaconsole.kerberos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.Base64;

import javax.net.ssl.SSLContext;
import javax.security.auth.Subject;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

/**
 * Proves Kerberos on one Client Access member, the way a client behind the load balancer would
 * meet it: a ticket for the namespace SPN (e.g. {@code http/mail.contoso.com}) sent as SPNEGO
 * straight to that member's address. The member accepts it only if it holds the ASA credential
 * the ticket was issued under. One sign-in serves many probes and keeps its service tickets, so a
 * ticket issued before a password roll can be replayed against the members afterwards.
 */
public final class KerberosProbe implements AutoCloseable {

    private static final Oid SPNEGO = KdcClient.oid("1.3.6.1.5.5.2");
    private static final Oid KRB5_PRINCIPAL_NAME = KdcClient.oid("1.2.840.113554.1.2.2.1");

    private final LoginContext login;
    private final String clientPrincipal;

    private KerberosProbe(LoginContext login, String clientPrincipal) {
        this.login = login;
        this.clientPrincipal = clientPrincipal;
    }

    /** What one member said. */
    public record Result(URI member, String spn, boolean accepted, int httpStatus, ServiceTicket ticket, String sentence) {
    }

    /**
     * @param clientPrincipal the probe identity, e.g. {@code probe@CONTOSO.COM}
     * @param password its password; the array is not kept
     * @throws KerberosCheckFailed when the KDC does not sign it in
     */
    public static KerberosProbe signIn(String clientPrincipal, char[] password) {
        try {
            LoginContext login = KerberosLogin.withPassword(clientPrincipal, password);
            return new KerberosProbe(login, clientPrincipal);
        } catch (LoginException e) {
            throw new KerberosCheckFailed("The KDC did not sign in " + clientPrincipal + ": " + KerberosErrors.explain(e), e);
        }
    }

    /**
     * Sends one SPNEGO request for {@code spn} to {@code memberUrl}; never throws for a refusal,
     * which is a result.
     *
     * @param tls the trust for the member's HTTPS certificate
     */
    public Result probe(String spn, URI memberUrl, SSLContext tls, Duration timeout) {
        Subject subject = login.getSubject();
        ServiceTicket ticket;
        String token;
        try {
            byte[] bytes;
            synchronized (subject) {
                bytes = Subject.doAs(subject, (PrivilegedExceptionAction<byte[]>) () -> {
                    GSSManager manager = GSSManager.getInstance();
                    GSSName server = manager.createName(spn, KRB5_PRINCIPAL_NAME);
                    GSSContext context = manager.createContext(server, SPNEGO, null, GSSContext.DEFAULT_LIFETIME);
                    try {
                        context.requestMutualAuth(false);
                        return context.initSecContext(new byte[0], 0, 0);
                    } finally {
                        context.dispose();
                    }
                });
                ticket = KdcClient.ticketFor(subject, spn);
            }
            token = Base64.getEncoder().encodeToString(bytes);
        } catch (PrivilegedActionException e) {
            return new Result(memberUrl, spn, false, 0, null, "No ticket for " + spn + ": " + KerberosErrors.explain(e.getException()));
        } catch (org.ietf.jgss.GSSException e) {
            return new Result(memberUrl, spn, false, 0, null, "No ticket for " + spn + ": " + KerberosErrors.explain(e));
        }
        String member = memberUrl.getHost() + ":" + memberUrl.getPort();
        try {
            HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1)
                    .build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(memberUrl).timeout(timeout)
                    .header("Authorization", "Negotiate " + token).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() / 100 == 2) {
                return new Result(memberUrl, spn, true, response.statusCode(), ticket, member + " accepted the Kerberos ticket for " + spn
                        + " (" + EncryptionType.describe(ticket.ticketEncryptionType()) + ", key version " + ticket.keyVersion() + ")");
            }
            String said = response.body() == null ? "" : response.body().replaceAll("\\s+", " ").trim();
            return new Result(memberUrl, spn, false, response.statusCode(), ticket, member + " refused the Kerberos ticket for " + spn
                    + " (HTTP " + response.statusCode() + (said.isEmpty() ? "" : ": " + abbreviate(said)) + "); "
                    + "it most likely lacks the ASA credential the ticket was issued under (key version " + ticket.keyVersion() + ")");
        } catch (IOException e) {
            return new Result(memberUrl, spn, false, 0, ticket, "Cannot reach " + member + " for the Kerberos probe: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(memberUrl, spn, false, 0, ticket, "The Kerberos probe of " + member + " was interrupted");
        }
    }

    public String clientPrincipal() {
        return clientPrincipal;
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    @Override
    public void close() {
        try {
            login.logout();
        } catch (LoginException e) {
            // nothing held beyond this probe
        }
    }
}
