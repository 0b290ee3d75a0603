package com.asaconsole.remoting;

import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosTicket;
import javax.security.auth.login.LoginException;

import com.asaconsole.kerberos.KerberosErrors;

import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

/**
 * The {@code Authorization: Negotiate} header for a server: a SPNEGO token wrapping a Kerberos
 * AP-REQ for {@code HTTP/<host>}, made by the JDK's GSS-API from one sign-in per console. Service
 * tickets are kept in that sign-in, so only the first call to a server asks the KDC. Tokens are
 * made concurrently (the JDK guards the Subject's credential set itself); only the sign-in and its
 * renewal are serialised.
 */
final class SpnegoInitiator {

    private static final Oid SPNEGO = oid("1.3.6.1.5.5.2");
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

    private final WinRmLogin login;
    private Subject subject;

    SpnegoInitiator(WinRmLogin login) {
        this.login = login;
    }

    /** @throws RemoteOperationFailed KERBEROS_REFUSED with the KDC's reason in words */
    String authorization(CasEndpoint target) {
        String spn = "HTTP/" + target.host().toLowerCase(Locale.ROOT);
        Subject signedIn = signedIn(target);
        try {
            byte[] token = Subject.doAs(signedIn, (PrivilegedExceptionAction<byte[]>) () -> {
                GSSManager manager = GSSManager.getInstance();
                GSSName server = manager.createName("HTTP@" + target.host(), GSSName.NT_HOSTBASED_SERVICE);
                GSSContext context = manager.createContext(server, SPNEGO, null, GSSContext.DEFAULT_LIFETIME);
                try {
                    context.requestMutualAuth(false);
                    context.requestCredDeleg(false);
                    return context.initSecContext(new byte[0], 0, 0);
                } finally {
                    context.dispose();
                }
            });
            return "Negotiate " + Base64.getEncoder().encodeToString(token);
        } catch (PrivilegedActionException e) {
            Exception cause = e.getException();
            String text = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            String why = text.contains("server not found in kerberos database")
                    ? "no account in the directory holds " + spn + " (a server's computer account has it through HOST/);"
                            + " use the server's own DNS name, not an alias or the load-balanced name"
                    : KerberosErrors.explain(cause);
            throw new RemoteOperationFailed(target.address(), RemoteOperationFailed.Reason.KERBEROS_REFUSED,
                    "No Kerberos ticket for " + spn + ": " + why, cause);
        }
    }

    private synchronized Subject signedIn(CasEndpoint target) {
        if (subject == null || expiresSoon(subject)) {
            try {
                subject = login.signIn();
            } catch (LoginException e) {
                throw new RemoteOperationFailed(target.address(), RemoteOperationFailed.Reason.KERBEROS_REFUSED,
                        "The KDC did not sign in " + login.principal() + " for WinRM: " + KerberosErrors.explain(e), e);
            }
        }
        return subject;
    }

    private static boolean expiresSoon(Subject subject) {
        Instant limit = Instant.now().plus(RENEW_BEFORE);
        return subject.getPrivateCredentials(KerberosTicket.class).stream()
                .filter(t -> t.getServer().getName().startsWith("krbtgt/"))
                .noneMatch(t -> t.getEndTime() != null && t.getEndTime().toInstant().isAfter(limit));
    }

    private static Oid oid(String value) {
        try {
            return new Oid(value);
        } catch (GSSException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
