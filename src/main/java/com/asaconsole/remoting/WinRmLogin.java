package com.asaconsole.remoting;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

import javax.security.auth.Subject;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

import com.asaconsole.kerberos.KerberosLogin;

/**
 * Who the console is on the Client Access servers: a Kerberos principal (a member of Organization
 * Management, or a role group allowed to run the ASA cmdlets) signing in with a password or a
 * keytab. NTLM is not supported (see docs/adr). The password is copied and never shown.
 */
public final class WinRmLogin {

    private final String principal;
    private final char[] password;
    private final Path keytab;

    private WinRmLogin(String principal, char[] password, Path keytab) {
        this.principal = Objects.requireNonNull(principal, "principal");
        this.password = password;
        this.keytab = keytab;
    }

    /** @param principal e.g. {@code svc-asaconsole@CONTOSO.COM}; the array is copied */
    public static WinRmLogin password(String principal, char[] password) {
        return new WinRmLogin(principal, password.clone(), null);
    }

    /** A keytab (e.g. from {@code ktpass}) for the principal: no password in the console's configuration. */
    public static WinRmLogin keytab(String principal, Path keytab) {
        if (!Files.isReadable(keytab)) {
            throw new IllegalArgumentException("The WinRM keytab " + keytab + " cannot be read");
        }
        return new WinRmLogin(principal, null, keytab);
    }

    public String principal() {
        return principal;
    }

    /** A fresh Kerberos sign-in (TGT) for this principal; no ticket cache is read or written. */
    Subject signIn() throws LoginException {
        LoginContext login = keytab != null ? KerberosLogin.withKeytab(principal, keytab) : KerberosLogin.withPassword(principal, password);
        return login.getSubject();
    }

    /** Overwrites the copied password. */
    public void clear() {
        if (password != null) {
            Arrays.fill(password, '\0');
        }
    }

    @Override
    public String toString() {
        return "WinRmLogin[" + principal + (keytab != null ? ", keytab " + keytab : ", password (not shown)") + "]";
    }
}
