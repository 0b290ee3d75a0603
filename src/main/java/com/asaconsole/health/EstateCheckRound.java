package com.asaconsole.health;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.asaconsole.deployment.MemberReadings;
import com.asaconsole.directory.AccountState;
import com.asaconsole.directory.DirectoryException;
import com.asaconsole.directory.DirectoryGateway;
import com.asaconsole.directory.DirectorySettings;
import com.asaconsole.directory.SpnLookups;
import com.asaconsole.kerberos.KdcClient;
import com.asaconsole.kerberos.KerberosCheckFailed;
import com.asaconsole.kerberos.KerberosProbe;
import com.asaconsole.planning.PlanDocument;
import com.asaconsole.planning.PlanVersions;
import com.asaconsole.planning.PlannedSpn;
import com.asaconsole.remoting.MemberFanOut;
import com.asaconsole.topology.TopologySnapshot.AsaInfo;
import com.asaconsole.topology.TopologySnapshot.ServerInfo;
import com.asaconsole.topology.TopologySnapshot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One round of the estate checks against the latest stored plan version: per ASA, per planned SPN,
 * per member serving a namespace (DR included). Read-only. The round's results are stored whole,
 * with the drift since the round before; drift is announced as {@link DriftFound}.
 */
@Component
class EstateCheckRound {

    private static final Logger log = LoggerFactory.getLogger(EstateCheckRound.class);

    private final PlanVersions plans;
    private final DirectorySettings settings;
    private final DirectoryGateway gateway;
    private final MemberReadings members;
    private final HealthStore store;
    private final HealthProperties properties;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final MemberFanOut fanOut;
    private final KdcClient kdc = new KdcClient();

    EstateCheckRound(PlanVersions plans, DirectorySettings settings, DirectoryGateway gateway, MemberReadings members, HealthStore store,
            HealthProperties properties, ApplicationEventPublisher events, TransactionTemplate transaction, MemberFanOut fanOut) {
        this.fanOut = fanOut;
        this.plans = plans;
        this.settings = settings;
        this.gateway = gateway;
        this.members = members;
        this.store = store;
        this.properties = properties;
        this.events = events;
        this.transaction = transaction;
    }

    /**
     * A scheduled round with no stored plan version would store only "nothing planned", a row per
     * interval on a console nobody has set up yet; it is skipped. Asked for, it runs and says so.
     */
    boolean worthRunning(HealthRound.Trigger trigger) {
        return trigger != HealthRound.Trigger.SCHEDULE || plans.planMarker().startsWith("version ");
    }

    HealthRound run(HealthRound.Trigger trigger, String node) {
        Instant started = Instant.now();
        Optional<PlanVersions.Stored> version = plans.latest();
        List<CheckResult> results = new ArrayList<>();
        String note = null;
        if (version.isEmpty()) {
            note = "No stored plan version yet: there is nothing planned to check.";
        } else {
            PlanDocument plan = version.get().document();
            for (AsaInfo asa : plan.topology().asaAccounts()) {
                results.addAll(checkAsa(plan, asa, started));
            }
            if (plan.topology().asaAccounts().isEmpty()) {
                note = "Plan version " + version.get().number() + " names no ASA.";
            }
        }
        Instant finished = Instant.now();
        Integer planNumber = version.map(PlanVersions.Stored::number).orElse(null);
        String finalNote = note;
        HealthRound round = transaction.execute(tx -> {
            Optional<HealthRound> before = store.latest();
            HealthRound saved = store.save(started, finished, trigger, node, planNumber, finalNote, results);
            List<CheckResult> previous = before.map(b -> store.results(b.id())).orElse(null);
            var drifted = Drift.between(previous, results);
            if (!drifted.isEmpty()) {
                events.publishEvent(new DriftFound(saved.id(), saved.verdict(), saved.ok(), saved.warn(), saved.fail(),
                        results.stream().filter(r -> drifted.contains(Drift.key(r))).map(r -> r.subject() + ": " + r.sentence()).toList()));
            }
            return saved;
        });
        log.info("Estate check round {} ({}): {} OK, {} warnings, {} failures", round.id(), trigger, round.ok(), round.warn(), round.fail());
        return round;
    }

    /** One ASA, its planned SPNs and its members; package-private so the benchmark can check one member at a time through it. */
    List<CheckResult> checkAsa(PlanDocument plan, AsaInfo asa, Instant now) {
        TopologySnapshot topology = plan.topology();
        List<CheckResult> results = new ArrayList<>();
        List<PlannedSpn> spns = plan.plan().spns().stream().filter(s -> s.asa().equals(asa.name())).toList();
        List<ServerInfo> servers = topology.servers().stream().filter(s -> asa.name().equals(s.asa())).toList();
        Optional<DirectorySettings.ProbeIdentity> probeIdentity = Optional.empty();
        Optional<AccountState> account = Optional.empty();
        try {
            SpnLookups directory = gateway.spnLookups(settings.connection(asa.forest()));
            probeIdentity = settings.probe(asa.forest());
            AsaChecks.Reading reading = AsaChecks.check(directory, asa, now);
            results.addAll(reading.results());
            account = reading.account();
            try (NamespaceChecks.Tickets tickets = new NamespaceChecks.Tickets(kdc, probeIdentity)) {
                for (PlannedSpn spn : spns) {
                    results.addAll(NamespaceChecks.check(directory, tickets, topology, spn, asa, account));
                }
            }
        } catch (DirectoryException e) {
            results.add(CheckResult.of(SubjectKind.ASA, asa.name(), asa.name(), "account", Verdict.FAIL, "DIRECTORY_UNREADABLE",
                    e.getMessage(), "the directory connection of " + asa.forest(), null));
        }
        results.addAll(checkMembers(topology, asa, servers, spns, account, probeIdentity));
        return results;
    }

    /** The members in parallel (bounded), one probe sign-in shared by all of them. */
    private List<CheckResult> checkMembers(TopologySnapshot topology, AsaInfo asa, List<ServerInfo> servers, List<PlannedSpn> spns,
            Optional<AccountState> account, Optional<DirectorySettings.ProbeIdentity> identity) {
        if (servers.isEmpty()) {
            return List.of();
        }
        Optional<KerberosProbe> probe = Optional.empty();
        List<CheckResult> results = new ArrayList<>();
        try {
            if (identity.isPresent()) {
                try {
                    probe = Optional.of(KerberosProbe.signIn(identity.get().principal(), identity.get().password().clone()));
                } catch (KerberosCheckFailed e) {
                    servers.forEach(s -> results.add(CheckResult.of(SubjectKind.MEMBER, s.fqdn(), asa.name(), "kerberos-probe", Verdict.FAIL,
                            "PROBE_SIGN_IN_FAILED", e.getMessage(), "the KDC of " + asa.forest(), null)));
                }
            }
            Optional<KerberosProbe> signedIn = probe;
            List<ServerInfo> sorted = servers.stream().sorted(Comparator.comparing(ServerInfo::fqdn)).toList();
            List<List<CheckResult>> checked;
            try {
                checked = fanOut.each(sorted, properties.memberConcurrency(), server -> {
                    try {
                        List<CheckResult> member = MemberChecks.check(members, server, asa, account, signedIn,
                                httpSpnsServedBy(topology, server, spns), properties.logons(), properties.rollTolerance());
                        if (identity.isPresent() && signedIn.isEmpty()) {
                            member = member.stream().filter(r -> !r.check().equals("kerberos-probe")).toList();
                        }
                        return member;
                    } catch (RuntimeException e) {
                        return List.of(CheckResult.of(SubjectKind.MEMBER, server.fqdn(), asa.name(), "credential", Verdict.FAIL,
                                "MEMBER_UNREADABLE", "The checks of " + server.fqdn() + " failed: " + e.getMessage(),
                                "read over WinRM from " + server.fqdn(), null));
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("The check round was interrupted", e);
            }
            checked.forEach(results::addAll);
        } finally {
            probe.ifPresent(KerberosProbe::close);
            identity.ifPresent(i -> Arrays.fill(i.password(), '\0'));
        }
        return results;
    }

    /** The http/ SPNs of the namespaces this server serves (a client reaching it through the load balancer asks for those). */
    static List<String> httpSpnsServedBy(TopologySnapshot topology, ServerInfo server, List<PlannedSpn> spns) {
        List<String> hosts = topology.namespaces().stream().filter(n -> n.servers().stream().anyMatch(s -> s.equalsIgnoreCase(server.fqdn())))
                .map(n -> n.fqdn().toLowerCase(Locale.ROOT)).toList();
        return spns.stream().map(PlannedSpn::spn).filter(s -> s.toLowerCase(Locale.ROOT).startsWith("http/"))
                .filter(s -> hosts.contains(s.substring(5).toLowerCase(Locale.ROOT))).toList();
    }
}
