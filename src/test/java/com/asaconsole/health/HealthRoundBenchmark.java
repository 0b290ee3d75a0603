package com.asaconsole.health;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.asaconsole.AsaConsoleApplication;
import com.asaconsole.deployment.MemberReadings;
import com.asaconsole.directory.DirectoryConnection;
import com.asaconsole.directory.DirectoryGateway;
import com.asaconsole.directory.DirectorySettings;
import com.asaconsole.directory.ForestSettings;
import com.asaconsole.directory.PasswordGenerator;
import com.asaconsole.lab.ConsoleClient;
import com.asaconsole.lab.CountingRelay;
import com.asaconsole.lab.LargeEstate;
import com.asaconsole.lab.SambaDc;
import com.asaconsole.lab.cas.CasMemberSimulator;
import com.asaconsole.lab.cas.LabCertificates;
import com.asaconsole.lab.cas.SimulatedCasMembers;
import com.asaconsole.planning.Plan;
import com.asaconsole.planning.PlanDocument;
import com.asaconsole.planning.PlanVersions;
import com.asaconsole.planning.PlannedSpn;
import com.asaconsole.remoting.ExchangeVersion;
import com.asaconsole.topology.TopologySnapshot;
import com.asaconsole.topology.TopologySnapshot.AsaInfo;
import com.asaconsole.topology.TopologySnapshot.NamespaceInfo;
import com.asaconsole.topology.TopologySnapshot.ServerInfo;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 16's benchmark: one estate check round over N CAS member SIMULATORs (each a host name of its
 * own, with its own computer account, keytab and certificate name) behind M namespaces, with the lab's
 * Samba DC, against the same checks done one member at a time, interleaved in one run. Wall time per
 * round, and the load on the DC counted on the wire by relays in front of it (KDC requests by type,
 * LDAP connections and operations by type; the console reaches the DC only through them), the console's
 * own LDAP operation count ({@code asa.ldap.operations}) and the CPU time of the Samba processes.
 * <p>
 * Variants, all through the product's round ({@link EstateCheckRound}):
 * <ul>
 * <li><b>round</b>: {@link EstateCheckRound#run} as the scheduler runs it (member concurrency as configured), results stored;</li>
 * <li><b>round, one member at a time</b>: the same with {@code member-concurrency} 1;</li>
 * <li><b>per member</b> (the baseline): for each member, {@link EstateCheckRound#checkAsa} on the plan narrowed to that member
 * and the namespaces it serves, as a script run per server would: the ASA read again, the SPNs of its namespaces looked up
 * and a ticket asked for each again, a probe sign-in of its own; results not stored.</li>
 * </ul>
 * Not a test: run by src/test/bench/health-round.sh. Arguments: members, namespaces, latency ms per command, iterations,
 * member concurrency (0: the product's default).
 */
public final class HealthRoundBenchmark {

    private static final String ASA = "BENCHASA";

    record Load(long ms, Map<String, Long> kdc, Map<String, Long> ldap, long consoleLdapOps, long dcCpuMs, int results) {
        long kdcRequests() {
            return kdc.getOrDefault("AS-REQ", 0L) + kdc.getOrDefault("TGS-REQ", 0L);
        }

        long ldap(String kind) {
            return ldap.getOrDefault(kind, 0L);
        }
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int namespaceCount = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        long latencyMs = args.length > 2 ? Long.parseLong(args[2]) : 200;
        int iterations = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        int concurrency = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        List<String> hosts = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            hosts.add(String.format("cas%03d.%s", i, SambaDc.DNS_DOMAIN));
        }
        List<String> namespaces = new ArrayList<>();
        for (int i = 1; i <= namespaceCount; i++) {
            namespaces.add(String.format("ns%02d.%s", i, SambaDc.DNS_DOMAIN));
        }
        List<String> spns = namespaces.stream().map(ns -> "http/" + ns).toList();
        String adminPassword = "Bench-Admin-" + Long.toHexString(new Random().nextLong());

        try (SambaDc dc = SambaDc.start();
                CountingRelay kdc = CountingRelay.kdc();
                CountingRelay ldaps = CountingRelay.ldaps(dc, "DC LDAPS", 636);
                CountingRelay gc = CountingRelay.ldaps(dc, "GC LDAPS", 3269);
                SimulatedCasMembers lab = new SimulatedCasMembers(dc, spns)) {
            // every Kerberos exchange of this JVM goes through the counting relay (TCP only: udp_preference_limit = 1)
            String conf = Files.readString(dc.krb5Conf()).replace("kdc = 127.0.0.1", "kdc = 127.0.0.1:" + kdc.port());
            Path relayConf = Files.writeString(dc.dir().resolve("krb5-relay.conf"), conf);
            System.setProperty("java.security.krb5.conf", relayConf.toString());

            long began = System.nanoTime();
            List<CasMemberSimulator> members = lab.startNamed(hosts, ExchangeVersion.EXCHANGE_2016);
            members.forEach(m -> m.latency(java.time.Duration.ofMillis(latencyMs)));
            char[] asaPassword = new PasswordGenerator().generate();
            lab.createAsa(ASA, asaPassword);
            members.forEach(m -> m.credentialSetOutsideTheConsole(SambaDc.NETBIOS_DOMAIN + "\\" + ASA + "$", asaPassword));
            System.out.printf("[bench] %d CAS member SIMULATORs with their accounts and keytabs, the ASA with %d SPNs: %,d ms%n", n,
                    spns.size(), (System.nanoTime() - began) / 1_000_000);

            Path data = Path.of("target/bench/health-round");
            List<String> options = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
                    "--spring.datasource.url=jdbc:h2:file:" + data.toAbsolutePath().resolve("asa-console")
                            + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;TRACE_LEVEL_FILE=0",
                    "--asa.identity.bootstrap-admin.password=" + adminPassword,
                    "--asa.audit.checkpoint-key=bench-only-checkpoint-key-0123456789abcdef",
                    "--asa.secrets.key=YmVuY2gtb25seS1zZWNyZXRzLWtleS0wMTIzNDU2Nzg=", "--logging.level.root=WARN",
                    "--asa.remoting.principal=" + dc.adminPrincipal(), "--asa.remoting.password=" + dc.adminPassword(),
                    "--asa.remoting.trust-store=" + LabCertificates.get().trustStoreFile(), "--asa.remoting.trust-store-password=lab",
                    "--asa.remoting.timeout=60s", "--asa.remoting.connect-timeout=5s",
                    "--asa.remoting.probe-url=https://{host}:{winrm-port}/ews/exchange.asmx",
                    // no scheduled round during the benchmark: each round is started by it
                    "--asa.health.interval=24h", "--asa.health.logon-window=1h"));
            if (concurrency > 0) {
                options.add("--asa.health.member-concurrency=" + concurrency);
            }
            ConfigurableApplicationContext app = SpringApplication.run(AsaConsoleApplication.class, options.toArray(String[]::new));
            try {
                connectThroughRelays(app.getBean(DirectorySettings.class), dc, ldaps, gc);
                String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
                ConsoleClient admin = new ConsoleClient(base);
                if (!admin.signIn("admin", adminPassword)) {
                    throw new IllegalStateException("cannot sign in to the console");
                }
                loadEstate(admin, members, namespaces);
                HttpResponse<String> stored = admin.postForm("/plans", "");
                if (stored.statusCode() != 302) {
                    throw new IllegalStateException("storing the plan answered " + stored.statusCode());
                }
                PlanVersions plans = app.getBean(PlanVersions.class);
                PlanDocument plan = plans.latest().orElseThrow().document();
                Set<String> planned = plan.plan().spns().stream().map(s -> s.spn().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
                if (!planned.equals(Set.copyOf(spns))) {
                    throw new IllegalStateException("the plan's SPNs are not the lab's: " + planned);
                }

                EstateCheckRound round = app.getBean(EstateCheckRound.class);
                HealthProperties properties = app.getBean(HealthProperties.class);
                EstateCheckRound oneAtATime = new EstateCheckRound(plans, app.getBean(DirectorySettings.class),
                        app.getBean(DirectoryGateway.class), app.getBean(MemberReadings.class), app.getBean(HealthStore.class),
                        new HealthProperties(properties.interval(), properties.logonWindow(), properties.rollTolerance(), 1), app,
                        app.getBean(TransactionTemplate.class), app.getBean(com.asaconsole.remoting.MemberFanOut.class));
                MeterRegistry meters = app.getBean(MeterRegistry.class);
                List<CountingRelay> relays = List.of(kdc, ldaps, gc);
                HealthStore store = app.getBean(HealthStore.class);

                Map<String, Supplier<Integer>> variants = new LinkedHashMap<>();
                variants.put("round (member concurrency " + properties.memberConcurrency() + ")", () -> stored(store, round.run(HealthRound.Trigger.ON_DEMAND,
                        "bench")));
                variants.put("round, member concurrency 1", () -> stored(store, oneAtATime.run(HealthRound.Trigger.ON_DEMAND, "bench")));
                variants.put("per member (baseline)", () -> perMember(round, plan));

                // the first round is cold: WinRM tickets for each member, TLS, JIT; shown, not counted
                Load cold = measure(variants.values().iterator().next(), relays, meters);
                print("cold round (warm-up)", cold);
                List<CheckResult> first = store.results(store.latest().orElseThrow().id());
                first.stream().filter(r -> r.verdict() != Verdict.OK).map(r -> r.kind() + " " + r.subject() + " " + r.check() + " " + r.cause())
                        .distinct().limit(10).forEach(s -> System.out.println("  not OK: " + s));
                Map<String, List<Load>> loads = new LinkedHashMap<>();
                for (int i = 1; i <= iterations; i++) {
                    System.out.printf("iteration %d (load average %s)%n", i, loadAverage());
                    for (Map.Entry<String, Supplier<Integer>> v : variants.entrySet()) {
                        Load load = measure(v.getValue(), relays, meters);
                        loads.computeIfAbsent(v.getKey(), k -> new ArrayList<>()).add(load);
                        print("  " + v.getKey(), load);
                    }
                }
                System.out.printf("%nN=%d members, %d namespaces (%d http/ SPNs, each namespace served by %d members), %d ms per command on "
                        + "each member, %d iterations (medians), %d CPUs for the console, the members and Samba, load average at the end %s%n",
                        n, namespaceCount, spns.size(), Math.max(1, n / namespaceCount), latencyMs, iterations,
                        Runtime.getRuntime().availableProcessors(), loadAverage());
                table(loads);
            } finally {
                SpringApplication.exit(app);
            }
        }
    }

    /** The directory connection through the counting relays, the lab admin as probe identity (as LabDirectory stores it). */
    static void connectThroughRelays(DirectorySettings settings, SambaDc dc, CountingRelay ldaps, CountingRelay gc) {
        DirectoryConnection c = dc.directoryConnection();
        ForestSettings wanted = new ForestSettings(c.forest(), "ldaps://" + SambaDc.HOST + ":" + ldaps.port(),
                "ldaps://" + SambaDc.HOST + ":" + gc.port(), c.baseDn(), c.bindPrincipal(), c.trustedCertificatePem(), dc.adminPrincipal(), 0);
        settings.save(wanted, c.bindPassword(), dc.adminPassword().toCharArray(), null);
    }

    /** The estate through the console's API and CSV import: one site, one ASA, the members, namespaces of n/m members each. */
    static void loadEstate(ConsoleClient admin, List<CasMemberSimulator> members, List<String> namespaces)
            throws IOException, InterruptedException {
        String ou = "CN=Computers," + SambaDc.BASE_DN;
        long forest = LargeEstate.id(admin.postJson("/api/topology/forests", "{\"dnsName\":\"" + SambaDc.DNS_DOMAIN + "\",\"netbiosName\":\""
                + SambaDc.NETBIOS_DOMAIN + "\",\"ldapsEndpoint\":\"ldaps://" + SambaDc.HOST + "\",\"globalCatalogEndpoint\":\"ldaps://"
                + SambaDc.HOST + ":3269\",\"asaOu\":\"" + ou + "\"}"));
        LargeEstate.id(admin.postJson("/api/topology/sites", "{\"forestId\":" + forest + ",\"name\":\"Bench\"}"));
        LargeEstate.id(admin.postJson("/api/topology/asa-accounts", "{\"forestId\":" + forest + ",\"samAccountName\":\"" + ASA + "$\","
                + "\"kind\":\"COMPUTER\",\"ou\":\"" + ou + "\",\"encryptionTypes\":24,\"rotationDays\":21}"));
        List<String> rows = new ArrayList<>();
        for (CasMemberSimulator m : members) {
            rows.add(m.host() + ",Bench,2016,2019,https://" + m.host() + ":" + m.port() + "/wsman,KERBEROS,no," + ASA + "$");
        }
        LargeEstate.importRows(admin, "/topology/servers/import", rows);
        rows.clear();
        int per = Math.max(1, members.size() / namespaces.size());
        for (int i = 0; i < namespaces.size(); i++) {
            List<String> backends = new ArrayList<>();
            for (int k = 0; k < per; k++) {
                backends.add(members.get((i * per + k) % members.size()).host());
            }
            rows.add(namespaces.get(i) + ",INTERNAL,EWS;AUTODISCOVER,Bench," + String.join(";", backends));
        }
        LargeEstate.importRows(admin, "/topology/namespaces/import", rows);
    }

    /** The baseline: each member checked on its own through the round's code, as a per-server script would. */
    static int perMember(EstateCheckRound round, PlanDocument plan) {
        int results = 0;
        for (AsaInfo asa : plan.topology().asaAccounts()) {
            for (ServerInfo server : plan.topology().servers()) {
                if (asa.name().equals(server.asa())) {
                    results += round.checkAsa(onlyMember(plan, server), asa, Instant.now()).size();
                }
            }
        }
        return results;
    }

    /** The plan narrowed to one member: the namespaces it serves (with it alone behind them) and their SPNs. */
    static PlanDocument onlyMember(PlanDocument plan, ServerInfo server) {
        TopologySnapshot t = plan.topology();
        List<NamespaceInfo> served = t.namespaces().stream()
                .filter(ns -> ns.servers().stream().anyMatch(s -> s.equalsIgnoreCase(server.fqdn())))
                .map(ns -> new NamespaceInfo(ns.fqdn(), ns.scope(), ns.services(), ns.sites(), List.of(server.fqdn()))).toList();
        Set<String> names = served.stream().map(ns -> ns.fqdn().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        List<PlannedSpn> spns = plan.plan().spns().stream()
                .filter(s -> names.contains(s.spn().substring(s.spn().indexOf('/') + 1).toLowerCase(Locale.ROOT))).toList();
        TopologySnapshot narrowed = new TopologySnapshot(t.forests(), t.sites(), List.of(server), t.casArrays(), served, t.asaAccounts());
        return new PlanDocument(narrowed, new Plan(spns, List.of(), List.of()), plan.directory());
    }

    /** The results the round stored (counted by verdict in the round's row: no read inside the timing). */
    private static int stored(HealthStore store, HealthRound round) {
        return round.ok() + round.warn() + round.fail();
    }

    static Load measure(Supplier<Integer> variant, List<CountingRelay> relays, MeterRegistry meters) {
        relays.forEach(CountingRelay::reset);
        long ops = ldapOperations(meters);
        long cpu = sambaCpuMs();
        long began = System.nanoTime();
        int results = variant.get();
        long ms = (System.nanoTime() - began) / 1_000_000;
        long dcCpu = sambaCpuMs() - cpu;
        Map<String, Long> ldap = new TreeMap<>();
        for (CountingRelay r : relays.subList(1, relays.size())) {
            r.counts().forEach((k, v) -> ldap.merge(k, v, Long::sum));
        }
        return new Load(ms, relays.get(0).counts(), ldap, ldapOperations(meters) - ops, dcCpu, results);
    }

    static long ldapOperations(MeterRegistry meters) {
        return meters.find("asa.ldap.operations").timers().stream().mapToLong(Timer::count).sum();
    }

    /** CPU time of the Samba processes this JVM started (the DC: its LDAP and KDC workers), from /proc, in ms. */
    static long sambaCpuMs() {
        return ProcessHandle.current().descendants().filter(p -> p.info().command().map(c -> c.endsWith("/samba")).orElse(false))
                .mapToLong(p -> {
                    try {
                        String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        // utime, stime, cutime, cstime (fields 14-17 of proc(5); f[0] is field 3)
                        return (Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14])) * 10;
                    } catch (IOException | RuntimeException e) {
                        return 0; // a worker that ended meanwhile
                    }
                }).sum();
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    static void print(String what, Load l) {
        System.out.printf("%-36s %7d ms  KDC %4d requests %s  LDAP %4d connections, %4d searches, %4d binds (console: %d operations)  "
                + "Samba CPU %5d ms  %d results%n", what, l.ms(), l.kdcRequests(), l.kdc(), l.ldap("connections"), l.ldap("searchRequest"),
                l.ldap("bindRequest"), l.consoleLdapOps(), l.dcCpuMs(), l.results());
    }

    static void table(Map<String, List<Load>> loads) {
        List<Load> baseline = loads.get("per member (baseline)");
        long baseMs = median(baseline.stream().map(Load::ms).toList());
        System.out.println("| variant | wall ms (median) | the runs | × baseline | KDC requests (AS / TGS) | LDAP connections | LDAP searches "
                + "| LDAP binds | console LDAP operations | Samba CPU ms |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (Map.Entry<String, List<Load>> e : loads.entrySet()) {
            List<Load> ls = e.getValue();
            long ms = median(ls.stream().map(Load::ms).toList());
            System.out.printf("| %s | %,d | %s | %.2f | %d (%d / %d) | %d | %d | %d | %d | %d |%n", e.getKey(), ms,
                    ls.stream().map(l -> String.format("%,d", l.ms())).collect(Collectors.joining(", ")), ms / (double) baseMs,
                    median(ls.stream().map(Load::kdcRequests).toList()), median(ls.stream().map(l -> l.kdc().getOrDefault("AS-REQ", 0L)).toList()),
                    median(ls.stream().map(l -> l.kdc().getOrDefault("TGS-REQ", 0L)).toList()),
                    median(ls.stream().map(l -> l.ldap("connections")).toList()), median(ls.stream().map(l -> l.ldap("searchRequest")).toList()),
                    median(ls.stream().map(l -> l.ldap("bindRequest")).toList()), median(ls.stream().map(Load::consoleLdapOps).toList()),
                    median(ls.stream().map(Load::dcCpuMs).toList()));
        }
    }

    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }
}
