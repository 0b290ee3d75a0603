package com.asaconsole.health;

import java.time.Instant;

/**
 * One check of one subject, as stored and shown.
 *
 * @param group what the page groups it under: the namespace's name for an SPN, the ASA for a member or ASA
 * @param check the check's key, e.g. {@code spn-registration}
 * @param cause why, as a stable code (e.g. {@code SPN_ON_OTHER_ACCOUNT}); {@code OK} when it passed
 * @param sentence the verdict in words, for an admin
 * @param evidence what was read, and from where
 * @param fix the remedy in words, or null when none is needed or known
 * @param readAt when the evidence was read
 * @param kerberosLogons for the logon check: Kerberos logons in the window, else null
 * @param ntlmLogons for the logon check: NTLM logons in the window, else null
 */
public record CheckResult(SubjectKind kind, String subject, String group, String check, Verdict verdict, String cause,
        String sentence, String evidence, String fix, Instant readAt, Long kerberosLogons, Long ntlmLogons) {

    static CheckResult ok(SubjectKind kind, String subject, String group, String check, String sentence, String evidence) {
        return new CheckResult(kind, subject, group, check, Verdict.OK, "OK", sentence, evidence, null, Instant.now(), null, null);
    }

    static CheckResult of(SubjectKind kind, String subject, String group, String check, Verdict verdict, String cause,
            String sentence, String evidence, String fix) {
        return new CheckResult(kind, subject, group, check, verdict, cause, sentence, evidence, fix, Instant.now(), null, null);
    }

    /** A short label for the check, for the page. */
    public String checkTitle() {
        return switch (check) {
        case "spn-registration" -> "SPN registration";
        case "kdc-ticket" -> "Ticket from the KDC";
        case "credential" -> "ASA credential";
        case "kerberos-probe" -> "Kerberos probe";
        case "logons" -> "Logons by package";
        case "account" -> "Account";
        case "encryption-types" -> "Encryption types";
        case "password-age" -> "Password age";
        case "deletion-protection" -> "Protection from deletion";
        case "description" -> "Description";
        case "reset-right" -> "Console's reset right";
        default -> check;
        };
    }
}
