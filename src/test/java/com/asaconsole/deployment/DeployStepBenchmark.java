package com.asaconsole.deployment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import com.asaconsole.AsaConsoleApplication;
import com.asaconsole.directory.DirectorySettings;
import com.asaconsole.lab.LabDirectory;
import com.asaconsole.lab.SambaDc;
import com.asaconsole.lab.cas.CasMemberSimulator;
import com.asaconsole.lab.cas.LabCertificates;
import com.asaconsole.lab.cas.SimulatedCasMembers;
import com.asaconsole.remoting.ExchangeVersion;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The product's own path: a job's {@code deploy-credential} step (precheck, SetAsaCredential, verify per member through
 * the executor's member fan-out) to N CAS member SIMULATORs that each take {@code latency} per command. Two consoles
 * in this JVM, each with its own in-memory database and estate of N servers, one at {@code asa.executor.member-concurrency}
 * = the given concurrency and one at 1 (one member at a time, what Microsoft's roll script does), their jobs
 * interleaved; Kerberos from the real lab KDC, HTTPS. Not a test: run by src/test/bench/cas-rollout.sh.
 * Arguments: N, latency ms, concurrency, iterations.
 */
public final class DeployStepBenchmark {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Duration latency = Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 200);
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int iterations = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        try (SambaDc dc = SambaDc.start(); SimulatedCasMembers lab = new SimulatedCasMembers(dc, List.of())) {
            System.setProperty("java.security.krb5.conf", dc.krb5Conf().toString());
            List<CasMemberSimulator> members = lab.start(n, ExchangeVersion.EXCHANGE_2016);
            // N servers of their own names, each reached at one SIMULATOR (the lab has eight host names, on many ports)
            List<LabEstate.Server> servers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                CasMemberSimulator m = members.get(i);
                servers.add(new LabEstate.Server(String.format("m%03d.contoso.test", i + 1), "https://" + m.host() + ":" + m.port() + "/wsman",
                        m.version().name()));
            }
            try (Console parallel = new Console(dc, concurrency, servers); Console sequential = new Console(dc, 1, servers)) {
                parallel.job(true); // the account, and a warm-up: sign-in, a ticket per host name, TLS, JIT
                sequential.job(true);
                members.forEach(m -> m.latency(latency));
                parallel.job(false);
                List<Long> parallelMs = new ArrayList<>();
                List<Long> sequentialMs = new ArrayList<>();
                for (int i = 1; i <= iterations; i++) {
                    parallelMs.add(parallel.job(false));
                    sequentialMs.add(sequential.job(false));
                    System.out.printf("iteration %d: deploy-credential step at concurrency %d %d ms, one member at a time %d ms%n", i,
                            concurrency, parallelMs.get(i - 1), sequentialMs.get(i - 1));
                }
                // two commands reach each member: the precheck's Get and the Set (its script reads the status back for the verify)
                long perMember = 2 * latency.toMillis();
                long ideal = (long) Math.ceil(n / (double) concurrency) * perMember;
                long p = median(parallelMs);
                long s = median(sequentialMs);
                System.out.printf("N=%d members, %d ms per command, concurrency %d, %d iterations (medians), %d CPUs for the consoles and "
                        + "all members%n", n, latency.toMillis(), concurrency, iterations, Runtime.getRuntime().availableProcessors());
                System.out.printf("  job step, concurrency %d: %d ms = %.2f x ceil(%d/%d) x 2 x %d ms = %d ms (range %d-%d)%n", concurrency, p,
                        p / (double) ideal, n, concurrency, latency.toMillis(), ideal, Collections.min(parallelMs), Collections.max(parallelMs));
                System.out.printf("  job step, one at a time: %d ms = %.2f x %d x 2 x %d ms (range %d-%d); %.1f times the concurrent step%n", s,
                        s / (double) (n * perMember), n, latency.toMillis(), Collections.min(sequentialMs), Collections.max(sequentialMs),
                        s / (double) p);
            }
        }
    }

    /** A console in this JVM (test profile: its own in-memory database) with the lab's directory and an estate of these servers. */
    private static final class Console implements AutoCloseable {

        private final ConfigurableApplicationContext app;
        private final ChangeRequests changes;
        private final Jobs jobs;
        private final int plan;

        Console(SambaDc dc, int concurrency, List<LabEstate.Server> servers) throws Exception {
            app = SpringApplication.run(AsaConsoleApplication.class, "--spring.profiles.active=test", "--server.port=0",
                    "--server.address=127.0.0.1", "--asa.executor.member-concurrency=" + concurrency,
                    "--asa.executor.node-name=bench-" + concurrency, "--asa.remoting.principal=" + dc.adminPrincipal(),
                    "--asa.remoting.password=" + dc.adminPassword(),
                    "--asa.remoting.trust-store=" + LabCertificates.get().trustStoreFile(), "--asa.remoting.trust-store-password=lab",
                    "--asa.remoting.connect-timeout=2s", "--asa.remoting.timeout=60s", "--logging.level.root=WARN",
                    "--logging.file.name=target/bench/deploy-step-" + concurrency + ".json");
            LabDirectory.connect(app.getBean(DirectorySettings.class), dc);
            MockMvc mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) app).apply(SecurityMockMvcConfigurers.springSecurity())
                    .build();
            LabEstate estate = new LabEstate(mvc, app.getBean(JdbcClient.class), dc, 1, servers, UUID.randomUUID().toString().substring(0, 6));
            plan = estate.storePlan();
            changes = app.getBean(ChangeRequests.class);
            jobs = app.getBean(Jobs.class);
        }

        /** Runs one approved change to its end and answers how long its deploy-credential step took. */
        long job(boolean createAccount) throws InterruptedException {
            ChangeRequest change = changes.submit(plan, createAccount ? List.of("create-account", "deploy-credential")
                    : List.of("deploy-credential"), DeploymentJobTest.ALICE);
            change = changes.approve(change.id(), change.contentHash(), DeploymentJobTest.BOB, "benchmark");
            long id = jobs.start(change.id(), DeploymentJobTest.DAVE).id();
            Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
            while (!jobs.find(id).orElseThrow().finished()) {
                if (DeploymentJob.Status.PAUSED.equals(jobs.find(id).orElseThrow().status()) || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("job " + id + " did not succeed: " + jobs.log(id));
                }
                Thread.sleep(20);
            }
            DeploymentJob job = jobs.find(id).orElseThrow();
            if (!DeploymentJob.Status.SUCCEEDED.equals(job.status())) {
                throw new IllegalStateException("job " + id + " ended " + job.status() + ": " + jobs.log(id));
            }
            DeploymentJob.StepRun step = jobs.steps(id).stream().filter(s -> s.key().equals("deploy-credential")).findFirst().orElseThrow();
            return Duration.between(step.startedAt(), step.endedAt()).toMillis();
        }

        @Override
        public void close() {
            SpringApplication.exit(app);
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }
}
