package com.asaconsole.kerberos;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Turns the JDK's Kerberos exceptions into what they mean for an Exchange admin. */
public final class KerberosErrors {

    private static final Map<String, String> MEANINGS = new LinkedHashMap<>();

    static {
        MEANINGS.put("server not found in kerberos database",
                "no account holds this SPN (unknown principal): register it on the ASA");
        MEANINGS.put("client not found in kerberos database", "the KDC does not know this user");
        MEANINGS.put("rc4 with hmac is not supported",
                "the KDC issued an RC4 ticket, which Java refuses: give the account AES encryption types (msDS-SupportedEncryptionTypes 24)");
        MEANINGS.put("pre-authentication information was invalid", "the password is wrong");
        MEANINGS.put("integrity check on decrypted field failed", "the password is wrong");
        MEANINGS.put("clock skew too great", "the clocks of this console and the KDC differ by more than five minutes");
        MEANINGS.put("clients credentials have been revoked", "the account is disabled or locked out");
        MEANINGS.put("kdc has no support for encryption type",
                "the KDC and this console share no encryption type for this account: it most likely allows only RC4 "
                        + "(or DES), which Java refuses; give it AES (msDS-SupportedEncryptionTypes 24)");
        MEANINGS.put("cannot locate kdc", "no KDC is configured for this realm");
        MEANINGS.put("receive timed out", "the KDC did not answer in time");
        MEANINGS.put("connection refused", "the KDC refused the connection (is it running?)");
    }

    private KerberosErrors() {
    }

    public static String explain(Throwable error) {
        StringBuilder chain = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                chain.append(t.getMessage().toLowerCase(Locale.ROOT)).append(" | ");
            }
        }
        String text = chain.toString();
        return MEANINGS.entrySet().stream().filter(e -> text.contains(e.getKey())).map(Map.Entry::getValue).findFirst()
                .orElseGet(() -> error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage());
    }
}
