package com.asaconsole.helpdesk;

import java.util.List;

/**
 * The answer to "why does Kerberos fail for this?", for a page or as JSON.
 *
 * @param lookedUpAs SPN, HOST or ACCOUNT: how the query was understood
 * @param warning a problem with the query itself (e.g. an invisible character), or null
 * @param checkedAt when the directory and the KDC were asked (answers are reused for a short while, RecentLookups)
 */
record SpnStatusReport(String forest, String query, String lookedUpAs, String warning, List<SpnStatus> spns,
        java.time.Instant checkedAt) {

    private static final java.time.format.DateTimeFormatter CLOCK = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(java.time.ZoneOffset.UTC);

    /** When the directory was asked, as the page says it (UTC, to the second). */
    public String checkedAtUtc() {
        return CLOCK.format(checkedAt);
    }

    /**
     * @param plan how the SPN stands against the current plan: planned on the right ASA, on the wrong
     *     account, not planned, or no plan yet
     */
    record SpnStatus(String spn, List<Owner> owners, boolean duplicate, KdcCheck kdc, String verdict, PlanCheck plan) {
    }

    /**
     * @param plannedAsa the ASA the plan puts the SPN on, or null when the plan does not name it
     * @param onPlannedAsa whether exactly that account (and no other) holds it
     */
    record PlanCheck(String plannedAsa, boolean onPlannedAsa, String sentence) {
    }

    record Owner(String dn, String samAccountName, boolean computer, boolean enabled, String encryptionTypes,
            String encryptionVerdict, Integer keyVersion) {
    }

    /** @param ticketEncryptionType e.g. "AES256-CTS-HMAC-SHA1-96 (0x12)", or null when no ticket came */
    record KdcCheck(boolean ticketIssued, boolean ok, String sentence, String ticketEncryptionType, Integer keyVersion) {
    }
}
