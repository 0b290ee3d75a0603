package com.asaconsole.health;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.asaconsole.deployment.MemberReadings;
import com.asaconsole.directory.AccountState;
import com.asaconsole.kerberos.KerberosProbe;
import com.asaconsole.remoting.AsaStatus;
import com.asaconsole.remoting.LogonStats;
import com.asaconsole.topology.TopologySnapshot.AsaInfo;
import com.asaconsole.topology.TopologySnapshot.ServerInfo;

/**
 * The checks of one Client Access member: its ASA credential (Latest, and not older than the ASA's
 * password), a Kerberos probe per namespace SPN it serves sent straight to it, and its logons by package.
 */
final class MemberChecks {

    private MemberChecks() {
    }

    static final String COPY_CREDENTIAL = "Copy the ASA credential to this member from one that holds it (a change with the add-member "
            + "step: AD untouched), before the load balancer sends it traffic.";

    /**
     * @param probe the round's signed-in probe (one sign-in for all members), or empty when the forest has no probe identity
     * @param spns the http/ SPNs of the namespaces this member serves
     */
    static List<CheckResult> check(MemberReadings members, ServerInfo server, AsaInfo asa, Optional<AccountState> account,
            Optional<KerberosProbe> probe, List<String> spns, Duration logonWindow, Duration rollTolerance) {
        List<CheckResult> results = new ArrayList<>();
        String subject = server.fqdn();
        String group = asa.name();
        String via = "read over WinRM from " + server.fqdn();
        AsaStatus status;
        try {
            status = members.asaStatus(server);
        } catch (MemberReadings.Unreadable e) {
            results.add(CheckResult.of(SubjectKind.MEMBER, subject, group, "credential", Verdict.FAIL,
                    e.unreachable() ? "MEMBER_UNREACHABLE" : "MEMBER_UNREADABLE", e.getMessage(), via,
                    e.unreachable() ? "Bring the server back, or take it out of the load balancer until it is checked." : null));
            return results;
        }
        results.add(credential(subject, group, asa, account, status, via, rollTolerance));
        results.add(probe(members, server, group, probe, spns));
        results.add(logons(members, server, group, logonWindow, via));
        return results;
    }

    static CheckResult credential(String subject, String group, AsaInfo asa, Optional<AccountState> account, AsaStatus status,
            String via, Duration rollTolerance) {
        String evidence = via + ": " + status.describe()
                + account.map(a -> "; " + a.samAccountName() + " pwdLastSet " + a.passwordLastSet()).orElse("");
        if (status.latest() == null) {
            return CheckResult.of(SubjectKind.MEMBER, subject, group, "credential", Verdict.FAIL, "CREDENTIAL_MISSING",
                    subject + " holds no ASA credential (rebuilt or added without it): Kerberos fails for every client the load "
                            + "balancer sends to it.", evidence, COPY_CREDENTIAL);
        }
        if (!status.holds(asa.name())) {
            return CheckResult.of(SubjectKind.MEMBER, subject, group, "credential", Verdict.FAIL, "CREDENTIAL_OTHER_ACCOUNT",
                    subject + " holds " + status.latest().account() + " as Latest, not the planned ASA " + asa.name() + ".", evidence,
                    COPY_CREDENTIAL);
        }
        Instant lastSet = account.map(AccountState::passwordLastSet).orElse(null);
        if (lastSet != null && status.latest().added() != null && status.latest().added().isBefore(lastSet.minus(rollTolerance))) {
            return CheckResult.of(SubjectKind.MEMBER, subject, group, "credential", Verdict.FAIL, "MISSED_ROLL",
                    subject + " received its credential on " + status.latest().added() + ", before the ASA's password was last changed ("
                            + lastSet + "): it missed a roll and refuses tickets issued under the new key.", evidence, COPY_CREDENTIAL);
        }
        return CheckResult.ok(SubjectKind.MEMBER, subject, group, "credential", subject + " holds " + asa.name()
                + " as Latest, received with or after the ASA's current password.", evidence);
    }

    static CheckResult probe(MemberReadings members, ServerInfo server, String group, Optional<KerberosProbe> probe, List<String> spns) {
        String subject = server.fqdn();
        if (probe.isEmpty()) {
            return CheckResult.of(SubjectKind.MEMBER, subject, group, "kerberos-probe", Verdict.WARN, "NO_PROBE_IDENTITY",
                    "Not probed: no probe identity is set for " + server.forest() + ".", "Directory connection of " + server.forest(),
                    "Set a probe identity under Directory connections.");
        }
        if (spns.isEmpty()) {
            return CheckResult.ok(SubjectKind.MEMBER, subject, group, "kerberos-probe", "No http/ namespace SPN to probe on " + subject + ".",
                    "The plan's namespaces served by " + subject);
        }
        URI url;
        try {
            url = members.probeUrl(server);
        } catch (MemberReadings.Unreadable e) {
            return CheckResult.of(SubjectKind.MEMBER, subject, group, "kerberos-probe", Verdict.FAIL, "MEMBER_UNREADABLE", e.getMessage(),
                    "the member's endpoint in the topology", null);
        }
        List<String> refused = new ArrayList<>();
        List<String> noTicket = new ArrayList<>();
        List<String> said = new ArrayList<>();
        for (String spn : spns) {
            KerberosProbe.Result result = probe.get().probe(spn, url, members.tls(), members.timeout());
            said.add(result.sentence());
            if (!result.accepted()) {
                (result.ticket() == null ? noTicket : refused).add(spn);
            }
        }
        String evidence = "SPNEGO as " + probe.get().clientPrincipal() + " to " + url + ": " + String.join("; ", said);
        if (refused.isEmpty() && !noTicket.isEmpty()) {
            // the member was never asked: the fault is the SPN or the ASA, which the namespace and ASA checks name
            return CheckResult.of(SubjectKind.MEMBER, subject, group, "kerberos-probe", Verdict.FAIL, "PROBE_NO_TICKET",
                    "No ticket to probe " + subject + " with for " + String.join(", ", noTicket) + ": the KDC issues none (see the "
                            + "namespace and ASA checks).", evidence, null);
        }
        if (refused.isEmpty()) {
            return CheckResult.ok(SubjectKind.MEMBER, subject, group, "kerberos-probe", subject + " accepts Kerberos for "
                    + String.join(", ", spns) + ".", evidence);
        }
        return CheckResult.of(SubjectKind.MEMBER, subject, group, "kerberos-probe", Verdict.FAIL, "PROBE_REFUSED",
                subject + " refuses Kerberos for " + String.join(", ", refused) + ": clients the load balancer sends to it fall back to "
                        + "NTLM or fail.", evidence, COPY_CREDENTIAL);
    }

    static CheckResult logons(MemberReadings members, ServerInfo server, String group, Duration window, String via) {
        String subject = server.fqdn();
        LogonStats stats;
        try {
            stats = members.logons(server, window);
        } catch (MemberReadings.Unreadable e) {
            return CheckResult.of(SubjectKind.MEMBER, subject, group, "logons", Verdict.WARN, "LOGONS_UNREADABLE",
                    "Logon counts not readable: " + e.getMessage(), via, null);
        }
        long kerberos = stats.kerberos();
        long ntlm = stats.ntlm();
        long all = kerberos + ntlm;
        String share = all == 0 ? "no Kerberos or NTLM logons" : (kerberos * 100 / all) + " % Kerberos";
        String sentence = "In the last " + minutes(window) + ": Kerberos " + kerberos + ", NTLM " + ntlm + " (" + share + ").";
        return new CheckResult(SubjectKind.MEMBER, subject, group, "logons", Verdict.OK, "OK", sentence,
                via + ": event 4624 by authentication package " + stats.byPackage(), null, Instant.now(), kerberos, ntlm);
    }

    private static String minutes(Duration window) {
        return window.toMinutes() % 60 == 0 && window.toHours() > 0 ? window.toHours() + " h" : window.toMinutes() + " min";
    }
}
