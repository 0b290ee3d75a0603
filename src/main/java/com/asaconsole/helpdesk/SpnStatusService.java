package com.asaconsole.helpdesk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.asaconsole.directory.AccountState;
import com.asaconsole.directory.DirectoryGateway;
import com.asaconsole.directory.DirectorySettings;
import com.asaconsole.directory.SpnLookups;
import com.asaconsole.directory.SpnName;
import com.asaconsole.directory.SpnOwner;
import com.asaconsole.kerberos.EncryptionType;
import com.asaconsole.kerberos.KdcClient;
import com.asaconsole.kerberos.KerberosCheckFailed;
import com.asaconsole.kerberos.ServiceTicket;
import com.asaconsole.planning.PlanDocument;
import com.asaconsole.planning.PlanVersions;
import com.asaconsole.planning.PlannedSpn;

import org.springframework.stereotype.Service;

/** Looks an SPN, host or account up live, read-only, and asks the KDC for a ticket per SPN. */
@Service
class SpnStatusService {

    static final int MAX_SPNS = 50;

    private final DirectorySettings settings;
    private final DirectoryGateway gateway;
    private final PlanVersions plans;
    private final KdcClient kdc = new KdcClient();

    SpnStatusService(DirectorySettings settings, DirectoryGateway gateway, PlanVersions plans) {
        this.settings = settings;
        this.gateway = gateway;
        this.plans = plans;
    }

    SpnStatusReport lookUp(String forest, String rawQuery) {
        String query = rawQuery.strip();
        SpnLookups directory = gateway.spnLookups(settings.connection(forest));
        Map<String, List<SpnOwner>> found = new LinkedHashMap<>();
        String lookedUpAs;
        String warning = null;
        if (query.contains("/")) {
            lookedUpAs = "SPN";
            warning = SpnName.problem(query);
            found.put(query, directory.whoHolds(query));
        } else if (query.contains(".")) {
            lookedUpAs = "HOST";
            directory.spnsForHost(query).forEach(e -> found.computeIfAbsent(e.spn().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(new SpnOwner(e.accountDn(), e.samAccountName())));
        } else {
            lookedUpAs = "ACCOUNT";
            Optional<AccountState> account = directory.findAccount(query).or(() -> directory.findAccount(query + "$"));
            account.ifPresent(a -> a.spns().forEach(spn -> found.put(spn, directory.whoHolds(spn))));
        }
        List<SpnStatusReport.SpnStatus> statuses = new ArrayList<>();
        Map<String, SpnStatusReport.Owner> accounts = new LinkedHashMap<>();
        Optional<DirectorySettings.ProbeIdentity> probe = settings.probe(forest);
        PlanReference plan = currentPlan();
        try {
            found.entrySet().stream().limit(MAX_SPNS).forEach(e -> {
                List<SpnStatusReport.Owner> owners = e.getValue().stream()
                        .map(o -> accounts.computeIfAbsent(o.dn(), dn -> owner(directory.readAccount(dn)))).toList();
                SpnStatusReport.KdcCheck check = owners.isEmpty() && warning(e.getKey()) != null ? null : kdcCheck(probe, e.getKey());
                statuses.add(new SpnStatusReport.SpnStatus(e.getKey(), owners, owners.size() > 1, check,
                        verdict(e.getKey(), owners, check), planCheck(plan, e.getKey(), owners)));
            });
        } finally {
            probe.ifPresent(p -> Arrays.fill(p.password(), '\0'));
        }
        if (found.size() > MAX_SPNS) {
            warning = "Showing the first " + MAX_SPNS + " of " + found.size() + " SPNs; narrow the search.";
        }
        return new SpnStatusReport(forest, query, lookedUpAs, warning, statuses, java.time.Instant.now());
    }

    /** The latest stored plan version, or the live plan of the topology when none is stored. */
    private PlanReference currentPlan() {
        return plans.latest().map(v -> reference("plan version " + v.number(), v.document()))
                .orElseGet(() -> reference("the current (unsaved) plan", plans.current()));
    }

    private static PlanReference reference(String label, PlanDocument document) {
        Map<String, String> accounts = new LinkedHashMap<>();
        document.topology().asaAccounts().forEach(a -> accounts.put(a.name(), a.samAccountName()));
        return new PlanReference(label, document.plan().spns(), accounts);
    }

    private static SpnStatusReport.PlanCheck planCheck(PlanReference plan, String spn, List<SpnStatusReport.Owner> owners) {
        Optional<PlannedSpn> planned = plan.spns().stream().filter(p -> p.spn().equalsIgnoreCase(spn)).findFirst();
        if (planned.isEmpty()) {
            return new SpnStatusReport.PlanCheck(null, false, "Not in " + plan.label() + ".");
        }
        String asa = plan.accounts().getOrDefault(planned.get().asa(), planned.get().asa());
        boolean right = owners.size() == 1 && samMatches(owners.get(0).samAccountName(), asa);
        String sentence;
        if (right) {
            sentence = "In " + plan.label() + " on " + asa + ", and registered there.";
        } else if (owners.isEmpty()) {
            sentence = "In " + plan.label() + " on " + asa + ", but not registered yet.";
        } else {
            sentence = "In " + plan.label() + " on " + asa + ", but held by "
                    + String.join(", ", owners.stream().map(SpnStatusReport.Owner::samAccountName).toList())
                    + ": move it to " + asa + ".";
        }
        return new SpnStatusReport.PlanCheck(asa, right, sentence);
    }

    private static boolean samMatches(String sam, String planned) {
        if (sam == null) {
            return false;
        }
        String a = sam.endsWith("$") ? sam.substring(0, sam.length() - 1) : sam;
        String b = planned.endsWith("$") ? planned.substring(0, planned.length() - 1) : planned;
        return a.equalsIgnoreCase(b);
    }

    /** @param accounts ASA name in the topology → its sAMAccountName */
    private record PlanReference(String label, List<PlannedSpn> spns, Map<String, String> accounts) {
    }

    private static String warning(String spn) {
        return SpnName.problem(spn);
    }

    private SpnStatusReport.KdcCheck kdcCheck(Optional<DirectorySettings.ProbeIdentity> probe, String spn) {
        if (probe.isEmpty()) {
            return new SpnStatusReport.KdcCheck(false, false,
                    "No KDC check: an admin has not set a probe identity for this forest.", null, null);
        }
        try {
            ServiceTicket ticket = kdc.serviceTicket(probe.get().principal(), probe.get().password().clone(), spn);
            String etype = EncryptionType.describe(ticket.ticketEncryptionType());
            if (ticket.strong()) {
                return new SpnStatusReport.KdcCheck(true, true, "The KDC issues a " + etype + " ticket (key version "
                        + ticket.keyVersion() + ").", etype, ticket.keyVersion());
            }
            return new SpnStatusReport.KdcCheck(true, false, "The KDC issues an " + etype + " ticket, which Java refuses and "
                    + "Windows stops accepting in 2026: give the account AES (msDS-SupportedEncryptionTypes 24).", etype,
                    ticket.keyVersion());
        } catch (KerberosCheckFailed e) {
            return new SpnStatusReport.KdcCheck(false, false, e.getMessage(), null, null);
        }
    }

    private static SpnStatusReport.Owner owner(AccountState a) {
        return new SpnStatusReport.Owner(a.dn(), a.samAccountName(), a.computer(), a.enabled(),
                AccountState.describeEncryptionTypes(a.encryptionTypes()), a.encryptionVerdict(), a.keyVersion());
    }

    private static String verdict(String spn, List<SpnStatusReport.Owner> owners, SpnStatusReport.KdcCheck check) {
        if (owners.isEmpty()) {
            return "No account holds " + spn + ": clients can't get a ticket and fall back to NTLM. Register it on the ASA.";
        }
        if (owners.size() > 1) {
            return "Duplicate: " + owners.size() + " accounts hold " + spn
                    + ". The KDC fails or picks one at random; keep it only on the ASA.";
        }
        SpnStatusReport.Owner owner = owners.get(0);
        if (!owner.enabled()) {
            return "The account holding it is disabled: enable it or move the SPN to the ASA.";
        }
        if (check != null && check.ticketIssued() && !check.ok()) {
            return "Registered once, but the ticket is not AES: " + check.sentence();
        }
        if (check != null && check.ok()) {
            return "Registered once, on " + owner.samAccountName() + ", and the KDC issues an AES ticket. If clients still use NTLM, "
                    + "check that every CAS member holds the ASA credential.";
        }
        return "Registered once, on " + owner.samAccountName() + ".";
    }
}
