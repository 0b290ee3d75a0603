package com.asaconsole.remoting;

import java.time.Instant;

/**
 * What a Client Access server holds as ASA credential, as
 * {@code -IncludeAlternateServiceAccountCredentialStatus} shows it.
 *
 * @param latest the credential it uses first, or null when none is set
 * @param previous the one before, still tried for tickets issued under the old key, or null
 */
public record AsaStatus(Entry latest, Entry previous) {

    /** @param account {@code DOMAIN\name}; @param added when the server received it */
    public record Entry(String account, Instant added) {
    }

    public boolean holds(String account) {
        return latest != null && latest.account().equalsIgnoreCase(account);
    }

    /** Both credentials in one line, the way Exchange prints them (Latest: date, account; Previous: date, account or Not set). */
    public String describe() {
        return "Latest: " + describe(latest) + "; Previous: " + describe(previous);
    }

    private static String describe(Entry e) {
        return e == null ? "<Not set>" : e.added() + ", " + e.account();
    }
}
