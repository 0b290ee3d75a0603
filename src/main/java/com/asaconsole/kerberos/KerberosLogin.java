package com.asaconsole.kerberos;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

/**
 * The console's one Kerberos sign-in (an AS exchange with the JDK's Krb5LoginModule), for the
 * ticket checks, the member probes and WinRM alike: a fresh TGT for one principal, from a password
 * or a keytab; no ticket cache is read or written, no key is kept in the subject, and the krb5
 * configuration is read again each time (the KDC or realm may have changed in the settings).
 */
public final class KerberosLogin {

    private KerberosLogin() {
    }

    /**
     * Signs in with a password; the array is handed to the login module and not kept here.
     *
     * @return the signed-in context: its subject holds the TGT, {@link LoginContext#logout()} forgets it
     */
    public static LoginContext withPassword(String principal, char[] password) throws LoginException {
        return signIn(principal, password, null);
    }

    /** Signs in with a keytab (e.g. from {@code ktpass}): no password in the console's configuration. */
    public static LoginContext withKeytab(String principal, Path keytab) throws LoginException {
        return signIn(principal, null, keytab);
    }

    private static LoginContext signIn(String principal, char[] password, Path keytab) throws LoginException {
        LoginContext login = new LoginContext("asa-console-kerberos", new Subject(), callbacks -> {
            for (var callback : callbacks) {
                if (callback instanceof NameCallback name) {
                    name.setName(principal);
                } else if (callback instanceof PasswordCallback pw && password != null) {
                    pw.setPassword(password);
                }
            }
        }, new Krb5Options(principal, keytab));
        login.login();
        return login;
    }

    /** The login module's options; the configuration name is ignored, every sign-in here is built alike. */
    private static final class Krb5Options extends Configuration {

        private final String principal;
        private final Path keytab;

        Krb5Options(String principal, Path keytab) {
            this.principal = principal;
            this.keytab = keytab;
        }

        @Override
        public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
            Map<String, String> options = new HashMap<>(Map.of("principal", principal, "useTicketCache", "false",
                    "storeKey", "false", "refreshKrb5Config", "true", "isInitiator", "true"));
            if (keytab != null) {
                options.put("useKeyTab", "true");
                options.put("keyTab", keytab.toString());
                options.put("doNotPrompt", "true");
            } else {
                options.put("useKeyTab", "false");
                options.put("doNotPrompt", "false");
            }
            return new AppConfigurationEntry[] { new AppConfigurationEntry("com.sun.security.auth.module.Krb5LoginModule",
                    AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options) };
        }
    }
}
