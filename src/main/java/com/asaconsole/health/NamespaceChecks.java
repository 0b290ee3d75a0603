package com.asaconsole.health;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import com.asaconsole.directory.AccountState;
import com.asaconsole.directory.DirectorySettings;
import com.asaconsole.directory.SpnLookups;
import com.asaconsole.directory.SpnOwner;
import com.asaconsole.kerberos.EncryptionType;
import com.asaconsole.kerberos.KdcClient;
import com.asaconsole.kerberos.KerberosCheckFailed;
import com.asaconsole.kerberos.ServiceTicket;
import com.asaconsole.planning.PlannedSpn;
import com.asaconsole.topology.TopologySnapshot.AsaInfo;
import com.asaconsole.topology.TopologySnapshot;

/** The checks of one planned SPN: who holds it in the forest, and the ticket the KDC issues for it. */
final class NamespaceChecks {

    private NamespaceChecks() {
    }

    static List<CheckResult> check(SpnLookups directory, Tickets tickets, TopologySnapshot topology, PlannedSpn planned, AsaInfo asa,
            Optional<AccountState> account) {
        return List.of(registration(directory, topology, planned, asa), ticket(tickets, planned, asa, account));
    }

    /**
     * The ticket checks of one ASA's SPNs share one sign-in of the probe identity, made at the first
     * ask: a sign-in per SPN cost two AS requests each, 40 of a round's 82 KDC requests for 20
     * namespaces (docs/performance.md, issue 16). A sign-in that fails fails every ticket check with
     * its sentence, as it did one by one.
     */
    static final class Tickets implements AutoCloseable {
        private final KdcClient kdc;
        private final Optional<DirectorySettings.ProbeIdentity> probe;
        private KdcClient.Session session;
        private KerberosCheckFailed signInFailed;

        Tickets(KdcClient kdc, Optional<DirectorySettings.ProbeIdentity> probe) {
            this.kdc = kdc;
            this.probe = probe;
        }

        Optional<DirectorySettings.ProbeIdentity> probe() {
            return probe;
        }

        ServiceTicket ticket(String spn) {
            if (signInFailed != null) {
                throw signInFailed;
            }
            if (session == null) {
                try {
                    session = kdc.signIn(probe.orElseThrow().principal(), probe.get().password().clone());
                } catch (KerberosCheckFailed e) {
                    signInFailed = e;
                    throw e;
                }
            }
            return session.serviceTicket(spn);
        }

        @Override
        public void close() {
            if (session != null) {
                session.close();
            }
        }
    }

    static CheckResult registration(SpnLookups directory, TopologySnapshot topology, PlannedSpn planned, AsaInfo asa) {
        String spn = planned.spn();
        List<SpnOwner> owners = directory.whoHolds(spn);
        String evidence = "setspn -Q " + spn + " on the Global Catalog " + directory.connection().gcAddress() + ": "
                + (owners.isEmpty() ? "no account" : owners.stream().map(o -> o.dn()).collect(Collectors.joining("; ")));
        if (owners.size() == 1 && same(owners.get(0).samAccountName(), asa.samAccountName())) {
            return CheckResult.ok(SubjectKind.NAMESPACE, spn, planned.host(), "spn-registration",
                    "Registered once, on the planned ASA " + asa.samAccountName() + ".", evidence);
        }
        String moveBack = "Move " + spn + " back to " + asa.samAccountName() + " (a change: remove it from the other account, then add it "
                + "to the ASA after a forest-wide check).";
        if (owners.isEmpty()) {
            return CheckResult.of(SubjectKind.NAMESPACE, spn, planned.host(), "spn-registration", Verdict.FAIL, "SPN_MISSING",
                    "No account holds " + spn + ": clients get no ticket (KDC_ERR_S_PRINCIPAL_UNKNOWN) and fall back to NTLM.", evidence,
                    "Register " + spn + " on " + asa.samAccountName() + " (a change with the SPN step).");
        }
        List<String> names = owners.stream().map(o -> o.samAccountName() + describe(topology, o)).toList();
        if (owners.size() > 1) {
            return CheckResult.of(SubjectKind.NAMESPACE, spn, planned.host(), "spn-registration", Verdict.FAIL, "SPN_DUPLICATE",
                    "Duplicate: " + owners.size() + " accounts hold " + spn + " (" + String.join(", ", names)
                            + "); the KDC refuses or picks one, and Kerberos fails.", evidence, moveBack);
        }
        Optional<String> cas = casServer(topology, owners.get(0));
        return CheckResult.of(SubjectKind.NAMESPACE, spn, planned.host(), "spn-registration", Verdict.FAIL,
                cas.isPresent() ? "SPN_ON_CAS_COMPUTER" : "SPN_ON_OTHER_ACCOUNT",
                spn + " is on " + names.get(0) + ", not on the planned ASA " + asa.samAccountName() + ": "
                        + (cas.isPresent() ? "Kerberos works only when the load balancer sends a client to " + cas.get()
                                + " and fails on every other member." : "tickets are encrypted for that account, which no member holds."),
                evidence, moveBack);
    }

    static CheckResult ticket(Tickets tickets, PlannedSpn planned, AsaInfo asa, Optional<AccountState> account) {
        String spn = planned.spn();
        Optional<DirectorySettings.ProbeIdentity> probe = tickets.probe();
        if (probe.isEmpty()) {
            return CheckResult.of(SubjectKind.NAMESPACE, spn, planned.host(), "kdc-ticket", Verdict.WARN, "NO_PROBE_IDENTITY",
                    "Not checked: no probe identity is set for " + asa.forest() + ".", "Directory connection of " + asa.forest(),
                    "Set a probe identity under Directory connections.");
        }
        String who = "the KDC of " + asa.forest() + ", asked as " + probe.get().principal();
        ServiceTicket ticket;
        try {
            ticket = tickets.ticket(spn);
        } catch (KerberosCheckFailed e) {
            boolean rc4 = e.getMessage().contains("RC4");
            return CheckResult.of(SubjectKind.NAMESPACE, spn, planned.host(), "kdc-ticket", Verdict.FAIL,
                    rc4 ? "TICKET_NOT_AES" : "NO_TICKET", e.getMessage() + (rc4 ? " Clients and members that refuse RC4 fail." : ""),
                    who, rc4 ? AsaChecks.SET_AES : null);
        }
        String evidence = who + ": a ticket of type " + EncryptionType.describe(ticket.ticketEncryptionType()) + ", key version "
                + ticket.keyVersion() + account.map(a -> "; " + a.samAccountName() + " is at key version " + a.keyVersion()).orElse("");
        if (!ticket.strong()) {
            return CheckResult.of(SubjectKind.NAMESPACE, spn, planned.host(), "kdc-ticket", Verdict.FAIL, "TICKET_NOT_AES",
                    "The KDC issues a " + EncryptionType.describe(ticket.ticketEncryptionType()) + " ticket, not AES.", evidence,
                    AsaChecks.SET_AES);
        }
        Integer kvno = account.map(AccountState::keyVersion).orElse(null);
        if (kvno != null && kvno != ticket.keyVersion()) {
            return CheckResult.of(SubjectKind.NAMESPACE, spn, planned.host(), "kdc-ticket", Verdict.FAIL, "OLD_KEY_VERSION",
                    "The ticket has key version " + ticket.keyVersion() + " but " + asa.samAccountName() + " is at " + kvno
                            + ": the SPN is on another account, or replication is behind.", evidence, null);
        }
        return CheckResult.ok(SubjectKind.NAMESPACE, spn, planned.host(), "kdc-ticket",
                "The KDC issues an AES ticket with the ASA's current key version " + ticket.keyVersion() + ".", evidence);
    }

    private static String describe(TopologySnapshot topology, SpnOwner owner) {
        return casServer(topology, owner).map(s -> " (the computer account of Client Access server " + s + ")").orElse("");
    }

    /** The modelled server whose computer account this is (its first DNS label + $), if any. */
    static Optional<String> casServer(TopologySnapshot topology, SpnOwner owner) {
        if (owner.samAccountName() == null) {
            return Optional.empty();
        }
        return topology.servers().stream().filter(s -> (s.shortName() + "$").equalsIgnoreCase(owner.samAccountName()))
                .map(TopologySnapshot.ServerInfo::fqdn).findFirst();
    }

    private static boolean same(String sam, String planned) {
        return sam != null && strip(sam).equals(strip(planned));
    }

    private static String strip(String sam) {
        String s = sam.toLowerCase(Locale.ROOT);
        return s.endsWith("$") ? s.substring(0, s.length() - 1) : s;
    }
}
