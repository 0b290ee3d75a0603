package com.asaconsole.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.asaconsole.directory.AccountSafety;
import com.asaconsole.directory.AccountState;
import com.asaconsole.directory.DirectoryException;
import com.asaconsole.directory.SpnLookups;
import com.asaconsole.topology.TopologySnapshot.AsaInfo;

/** The checks of one ASA account, read from its domain controller. */
final class AsaChecks {

    static final String SET_AES = "Set msDS-SupportedEncryptionTypes to 24 (AES128 + AES256) on the ASA; no password reset is needed "
            + "when the account already has AES keys.";

    private AsaChecks() {
    }

    /** The results, and the account as read (empty when it is missing). */
    record Reading(List<CheckResult> results, Optional<AccountState> account) {
    }

    static Reading check(SpnLookups directory, AsaInfo asa, Instant now) {
        List<CheckResult> results = new ArrayList<>();
        String subject = asa.name();
        String from = "read from " + directory.connection().dcAddress();
        Optional<AccountState> found = directory.findAccount(asa.samAccountName());
        if (found.isEmpty()) {
            results.add(CheckResult.of(SubjectKind.ASA, subject, subject, "account", Verdict.FAIL, "ASA_MISSING",
                    asa.samAccountName() + " is not in the directory: it was deleted (a stale-computer clean-up?) or never created. "
                            + "Kerberos fails for every namespace on it; clients fall back to NTLM.",
                    "No account with sAMAccountName " + asa.samAccountName() + " in the forest (Global Catalog of " + asa.forest() + ")",
                    "Re-create the ASA and deploy its credential to every member again (a change with the whole deployment), then "
                            + "protect it from accidental deletion."));
            return new Reading(results, Optional.empty());
        }
        AccountState account = found.get();
        String facts = account.dn() + ", " + from;
        if (!account.enabled()) {
            results.add(CheckResult.of(SubjectKind.ASA, subject, subject, "account", Verdict.FAIL, "ASA_DISABLED",
                    asa.samAccountName() + " is disabled: the KDC issues no tickets for its SPNs.", facts + ": userAccountControl has ACCOUNTDISABLE",
                    "Enable the account."));
        } else {
            results.add(CheckResult.ok(SubjectKind.ASA, subject, subject, "account", asa.samAccountName() + " is present and enabled.",
                    facts));
        }
        results.add(encryptionTypes(subject, account, facts));
        results.add(passwordAge(subject, asa, account, now, facts));
        try {
            AccountSafety safety = directory.safety(account.dn());
            results.add(safety.protectedFromDeletion()
                    ? CheckResult.ok(SubjectKind.ASA, subject, subject, "deletion-protection",
                            "Protected from accidental deletion (Everyone is denied Delete and Delete subtree on it, and Delete child "
                                    + "objects on its container).", facts + ": nTSecurityDescriptor of the account and of its container")
                    : CheckResult.of(SubjectKind.ASA, subject, subject, "deletion-protection", Verdict.WARN, "NOT_PROTECTED",
                            "Not protected from accidental deletion: a stale-computer clean-up or a slip in Active Directory Users and "
                                    + "Computers deletes it, and Kerberos fails for every namespace.",
                            facts + ": no ACE denying Everyone Delete and Delete subtree in its nTSecurityDescriptor, or none denying "
                                    + "Everyone Delete child objects in its container's (whoever may delete the container's children "
                                    + "deletes it)",
                            "Protect the object from accidental deletion (deny Everyone Delete and Delete subtree on it, and Delete child "
                                    + "objects on its container, as ADUC's check box does)."));
            results.add(description(subject, safety, facts));
            results.add(safety.bindAccountMayResetPassword()
                    ? CheckResult.ok(SubjectKind.ASA, subject, subject, "reset-right",
                            "The console's directory account " + safety.bindAccount() + " may reset the password: the next roll can run.",
                            facts + ": nTSecurityDescriptor against the token of " + safety.bindAccount())
                    : CheckResult.of(SubjectKind.ASA, subject, subject, "reset-right", Verdict.FAIL, "NO_RESET_RIGHT",
                            "The console's directory account " + safety.bindAccount() + " lacks Reset password on " + asa.samAccountName()
                                    + ": the next roll would push the new password to every member and then fail in AD.",
                            facts + ": no ACE grants Reset password (or full control) to " + safety.bindAccount() + " or its groups",
                            "Grant " + safety.bindAccount() + " the Reset password right on the ASA (Delegate Control in AD)."));
        } catch (DirectoryException e) {
            results.add(CheckResult.of(SubjectKind.ASA, subject, subject, "reset-right", Verdict.WARN, "UNREADABLE", e.getMessage(), from,
                    null));
        }
        return new Reading(results, found);
    }

    static CheckResult encryptionTypes(String subject, AccountState account, String facts) {
        Integer types = account.encryptionTypes();
        String evidence = facts + ": msDS-SupportedEncryptionTypes " + AccountState.describeEncryptionTypes(types);
        boolean aes = types != null && (types & AccountState.AES_ONLY) != 0;
        boolean rc4 = types != null && (types & AccountState.RC4) != 0;
        if (aes && !rc4) {
            return CheckResult.ok(SubjectKind.ASA, subject, subject, "encryption-types", "AES only: ready for Windows' removal of RC4.",
                    evidence);
        }
        if (aes) {
            return CheckResult.of(SubjectKind.ASA, subject, subject, "encryption-types", Verdict.WARN, "RC4_ALLOWED",
                    "AES and RC4: tickets are AES today, but RC4 stays allowed as an explicit exception after KB5073381 and makes "
                            + "the account a better Kerberoasting target.", evidence, SET_AES);
        }
        if (types == null) {
            return CheckResult.of(SubjectKind.ASA, subject, subject, "encryption-types", Verdict.WARN, "ENCTYPES_UNSET",
                    "Unset: the KDC chooses; since April 2026 AES only if the account has AES keys. Say so explicitly.", evidence, SET_AES);
        }
        return CheckResult.of(SubjectKind.ASA, subject, subject, "encryption-types", Verdict.FAIL, rc4 ? "RC4_ONLY" : "NO_AES",
                (rc4 ? "RC4 only: " : "No usable type: ") + "tickets for the namespaces are not AES; Java refuses them and Windows "
                        + "stops issuing RC4 by default (KB5073381), so Kerberos fails.", evidence, SET_AES);
    }

    static CheckResult passwordAge(String subject, AsaInfo asa, AccountState account, Instant now, String facts) {
        if (account.passwordLastSet() == null) {
            return CheckResult.of(SubjectKind.ASA, subject, subject, "password-age", Verdict.WARN, "PASSWORD_NEVER_SET",
                    "The password was never set (pwdLastSet 0).", facts, "Roll the password.");
        }
        long days = Duration.between(account.passwordLastSet(), now).toDays();
        String evidence = facts + ": pwdLastSet " + account.passwordLastSet() + ", msDS-KeyVersionNumber " + account.keyVersion()
                + "; rotation interval " + asa.rotationDays() + " days";
        if (asa.rotationDays() <= 0) {
            return CheckResult.of(SubjectKind.ASA, subject, subject, "password-age", Verdict.WARN, "NO_ROTATION_INTERVAL",
                    "The password is " + days + " days old and no rotation interval is set.", evidence,
                    "Set a rotation interval on the ASA in the topology.");
        }
        if (days >= asa.rotationDays()) {
            return CheckResult.of(SubjectKind.ASA, subject, subject, "password-age", Verdict.WARN, "ROLL_OVERDUE",
                    "The password is " + days + " days old; its rotation interval is " + asa.rotationDays() + " days: a roll is due.",
                    evidence, "Roll the password (a change with the credential step: every member first, then AD).");
        }
        return CheckResult.ok(SubjectKind.ASA, subject, subject, "password-age", "The password is " + days + " days old, within its "
                + asa.rotationDays() + "-day rotation interval.", evidence);
    }

    /** Clean-up scripts and admins read the description before deleting a computer account that never logs on. */
    static CheckResult description(String subject, AccountSafety safety, String facts) {
        String d = safety.description();
        boolean marked = safety.markedAsAsa();
        String evidence = facts + ": description " + (d == null ? "(none)" : "\"" + d + "\"");
        return marked
                ? CheckResult.ok(SubjectKind.ASA, subject, subject, "description", "The description marks it as the Exchange ASA.", evidence)
                : CheckResult.of(SubjectKind.ASA, subject, subject, "description", Verdict.WARN, "NOT_MARKED",
                        "The description does not say it is the Exchange Alternate Service Account: stale-computer clean-up scripts "
                                + "see a computer that never logs on.", evidence,
                        "Set the description to \"Exchange Alternate Service Account (Kerberos for the load-balanced namespaces): do not "
                                + "delete or disable\".");
    }
}
