package com.asaconsole.kerberos;

import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.Locale;

import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosTicket;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

/**
 * Asks the KDC for a service ticket the way a client would, with the JDK's own Kerberos: sign in
 * as a principal, then start a GSS-API context for the SPN. The KDC (and the JVM's krb5
 * configuration, {@code java.security.krb5.conf}) decide the rest.
 */
public final class KdcClient {

    private static final Oid KRB5_MECHANISM = oid("1.2.840.113554.1.2.2");
    private static final Oid KRB5_PRINCIPAL_NAME = oid("1.2.840.113554.1.2.2.1");

    /**
     * @param clientPrincipal who asks, e.g. {@code probe@CONTOSO.TEST}
     * @param password that principal's password; the array is not kept
     * @param spn the service principal, e.g. {@code http/mail.contoso.com}
     * @throws KerberosCheckFailed with a sentence saying what the KDC or the JVM refused
     */
    public ServiceTicket serviceTicket(String clientPrincipal, char[] password, String spn) {
        try (Session session = signIn(clientPrincipal, password)) {
            return session.serviceTicket(spn);
        }
    }

    /**
     * Signs in once for several tickets (an AS exchange: two requests, the first one without
     * pre-authentication), so that asking for the tickets of many SPNs costs one TGS request each.
     *
     * @throws KerberosCheckFailed with a sentence saying why the KDC did not sign the principal in
     */
    public Session signIn(String clientPrincipal, char[] password) {
        LoginContext login;
        try {
            login = KerberosLogin.withPassword(clientPrincipal, password);
        } catch (LoginException e) {
            throw new KerberosCheckFailed("The KDC did not sign in " + clientPrincipal + ": " + KerberosErrors.explain(e), e);
        }
        return new Session(login);
    }

    /** A sign-in and the service tickets asked for with it; {@link #close()} forgets them. */
    public static final class Session implements AutoCloseable {

        private final LoginContext login;

        private Session(LoginContext login) {
            this.login = login;
        }

        /** @throws KerberosCheckFailed with a sentence saying what the KDC or the JVM refused */
        public ServiceTicket serviceTicket(String spn) {
            Subject subject = login.getSubject();
            try {
                synchronized (subject) {
                    return Subject.doAs(subject, (PrivilegedExceptionAction<ServiceTicket>) () -> requestTicket(subject, spn));
                }
            } catch (PrivilegedActionException e) {
                throw new KerberosCheckFailed("No service ticket for " + spn + ": " + KerberosErrors.explain(e.getException()),
                        e.getException());
            }
        }

        @Override
        public void close() {
            try {
                login.logout();
            } catch (LoginException e) {
                // nothing held beyond this session
            }
        }
    }

    /**
     * Whether the KDC accepts this password for the principal (an AS exchange, nothing kept): true
     * when it signs the principal in, false when it refuses the password (pre-authentication failed).
     *
     * @throws KerberosCheckFailed when the KDC can't say (unreachable, unknown principal, …)
     */
    public boolean acceptsPassword(String principal, char[] password) {
        try {
            LoginContext login = KerberosLogin.withPassword(principal, password);
            login.logout();
            return true;
        } catch (LoginException e) {
            String text = String.valueOf(e.getMessage()) + " " + (e.getCause() == null ? "" : e.getCause().getMessage());
            if (text.contains("Pre-authentication information was invalid") || text.contains("(24)")
                    || text.contains("Integrity check on decrypted field failed") || text.contains("(31)")) {
                return false;
            }
            throw new KerberosCheckFailed("The KDC did not sign in " + principal + ": " + KerberosErrors.explain(e), e);
        }
    }

    private static ServiceTicket requestTicket(Subject subject, String spn) throws GSSException {
        GSSManager manager = GSSManager.getInstance();
        GSSName server = manager.createName(spn, KRB5_PRINCIPAL_NAME);
        GSSContext context = manager.createContext(server, KRB5_MECHANISM, null, GSSContext.DEFAULT_LIFETIME);
        try {
            context.requestMutualAuth(false);
            context.initSecContext(new byte[0], 0, 0);
        } finally {
            context.dispose();
        }
        return ticketFor(subject, spn);
    }

    /** The service ticket for {@code spn} that a GSS context left in the subject. */
    static ServiceTicket ticketFor(Subject subject, String spn) throws GSSException {
        String wanted = spn.toLowerCase(Locale.ROOT);
        return subject.getPrivateCredentials(KerberosTicket.class).stream()
                .filter(t -> withoutRealm(t.getServer().getName()).equals(withoutRealm(wanted)))
                .findFirst().map(ServiceTicket::of)
                .orElseThrow(() -> new GSSException(GSSException.FAILURE, 0, "the ticket for " + spn + " was not kept"));
    }

    private static String withoutRealm(String principal) {
        int at = principal.lastIndexOf('@');
        return (at < 0 ? principal : principal.substring(0, at)).toLowerCase(Locale.ROOT);
    }

    static Oid oid(String value) {
        try {
            return new Oid(value);
        } catch (GSSException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
