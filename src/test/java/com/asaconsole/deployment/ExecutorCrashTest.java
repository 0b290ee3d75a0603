package com.asaconsole.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.asaconsole.ConsoleTest;
import com.asaconsole.directory.AccountState;
import com.asaconsole.directory.DirectoryGateway;
import com.asaconsole.directory.DirectorySettings;
import com.asaconsole.directory.ForestDirectory;
import com.asaconsole.lab.LabDirectory;
import com.asaconsole.lab.LabTest;
import com.asaconsole.lab.PostgresLab;
import com.asaconsole.lab.PostgresServer;
import com.asaconsole.lab.SambaDc;
import com.asaconsole.lab.SambaLab;
import com.asaconsole.lab.cas.CasMemberSimulator;
import com.asaconsole.lab.cas.SimulatedCasMembers;
import com.asaconsole.remoting.ExchangeVersion;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Crash safety and clustering on the real PostgreSQL and the real Samba DC: console nodes in their
 * own JVMs run the job; one is killed with SIGKILL in the middle of the SPN step, another takes the
 * job over as INTERRUPTED, re-checks real state and finishes without applying anything twice. This
 * JVM's console only prepares and approves the change (its executor is off).
 */
@ConsoleTest
@AutoConfigureMockMvc
@DirtiesContext
@ExtendWith({ SambaLab.class, PostgresLab.class })
@LabTest
class ExecutorCrashTest {

    static final String DATABASE = "crash_" + UUID.randomUUID().toString().substring(0, 8);
    static String url;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> {
            if (url == null) {
                url = PostgresLab.server().freshDatabase(DATABASE);
            }
            return url;
        });
        registry.add("spring.datasource.username", () -> PostgresLab.server().username());
        registry.add("spring.datasource.password", () -> "");
        registry.add("asa.executor.enabled", () -> "false");
        RemoteDeploymentTest.winrm(registry);
    }

    /** The nodes reach the simulated member with the same WinRM settings as this JVM. */
    static List<String> winrm(SambaDc dc) {
        return List.of("--asa.remoting.principal=" + dc.adminPrincipal(), "--asa.remoting.password=" + dc.adminPassword(),
                "--asa.remoting.trust-store=" + RemoteDeploymentTest.trustStoreFile(), "--asa.remoting.trust-store-password=lab",
                "--asa.remoting.connect-timeout=2s", "--asa.remoting.timeout=20s");
    }

    /** One set of members for the class: its two tests share one database, so each plan holds both estates' servers. */
    static SimulatedCasMembers lab;

    @org.junit.jupiter.api.AfterAll
    static void stopMembers() {
        if (lab != null) {
            lab.close();
        }
    }

    /** An estate whose one Client Access server is a simulated member, so the SPN step's interlock can be met. */
    LabEstate estate(SambaDc dc, int namespaces, String host) throws Exception {
        if (lab == null) {
            lab = new SimulatedCasMembers(dc, List.of());
        }
        CasMemberSimulator cas1 = lab.start(host, ExchangeVersion.EXCHANGE_2016);
        return new LabEstate(mvc, jdbc, dc, namespaces, List.of(RemoteDeploymentTest.server(cas1)), UUID.randomUUID().toString().substring(0, 6));
    }

    @Autowired
    ChangeRequests changes;

    @Autowired
    Jobs jobs;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DirectorySettings settings;

    @Autowired
    DirectoryGateway gateway;

    @Test
    void aNodeKilledMidStepIsTakenOverAndNothingIsAppliedTwice(SambaDc dc) throws Exception {
        LabDirectory.connect(settings, dc);
        ForestDirectory directory = gateway.open(settings.connection(SambaDc.DNS_DOMAIN));
        LabEstate estate = estate(dc, 16, "cas1.contoso.test");
        ChangeRequest change = changes.submit(estate.storePlan(), List.of("create-account", "deploy-credential", "assign-spns"),
                DeploymentJobTest.ALICE);
        change = changes.approve(change.id(), change.contentHash(), DeploymentJobTest.BOB, "ok");
        long jobId = jobs.start(change.id(), DeploymentJobTest.DAVE).id();

        PostgresServer pg = PostgresLab.server();
        try (ConsoleNode a = ConsoleNode.start("node-a", url, pg.username(), dc, winrm(dc))) {
            // kill node A once some, not all, SPNs are registered
            await(Duration.ofSeconds(90), () -> doneTasks(jobId, "assign-spns") >= 3, a);
            a.kill();
        }
        int doneAtKill = doneTasks(jobId, "assign-spns");
        assertThat(doneAtKill).as("killed mid-step").isBetween(3, estate.spns().size() - 1);
        assertThat(jobs.find(jobId).orElseThrow().status()).isEqualTo(DeploymentJob.Status.RUNNING);

        try (ConsoleNode b = ConsoleNode.start("node-b", url, pg.username(), dc, winrm(dc))) {
            await(Duration.ofSeconds(120), () -> jobs.find(jobId).orElseThrow().finished(), b);
        }
        DeploymentJob job = jobs.find(jobId).orElseThrow();
        assertThat(job.status()).as(jobs.log(jobId).toString()).isEqualTo(DeploymentJob.Status.SUCCEEDED);
        assertThat(job.interruptions()).isEqualTo(1);
        assertThat(job.node()).isEqualTo("node-b");
        assertThat(jobs.log(jobId)).extracting(DeploymentJob.LogLine::line).anyMatch(l -> l.startsWith("INTERRUPTED: the console running this job (node-a)"));
        assertThat(jdbc.sql("SELECT count(*) FROM audit_record WHERE action = 'job.interrupted' AND correlation = :c")
                .param("c", ChangeRequests.correlation(change.id())).query(Integer.class).single()).isEqualTo(1);

        // every SPN on the ASA, and no write made twice: at most one successful add per SPN, one create
        AccountState asa = directory.findAccount(estate.asaSam).orElseThrow();
        assertThat(asa.spns()).containsExactlyInAnyOrderElementsOf(estate.spns());
        Map<String, Integer> addsPerSpn = new java.util.HashMap<>();
        jdbc.sql("SELECT target FROM audit_record WHERE action = 'ldap.spn.add' AND outcome = 'SUCCESS' AND correlation = :c")
                .param("c", ChangeRequests.correlation(change.id())).query(String.class).list()
                .forEach(spn -> addsPerSpn.merge(spn, 1, Integer::sum));
        assertThat(addsPerSpn.values()).allMatch(n -> n == 1);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_record WHERE action = 'ldap.account.create' AND outcome = 'SUCCESS' "
                + "AND target LIKE :asa").param("asa", "%" + estate.asaSam + "%").query(Integer.class).single()).isEqualTo(1);
        // the audit chain the killed node was writing is still intact
        String verify = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/audit/verify")
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user("r").roles("APPROVER")))
                .andReturn().getResponse().getContentAsString();
        assertThat(verify).contains("\"intact\":true");
    }

    @Test
    void twoNodesOnOneDatabaseNeverRunTheSameJob(SambaDc dc) throws Exception {
        LabDirectory.connect(settings, dc);
        // the two tests share one database: each has its own server
        LabEstate estate = estate(dc, 2, "cas2.contoso.test");
        int version = estate.storePlan();
        List<Long> queued = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ChangeRequest change = changes.submit(version, List.of("create-account", "deploy-credential", "assign-spns"),
                    DeploymentJobTest.ALICE);
            change = changes.approve(change.id(), change.contentHash(), DeploymentJobTest.BOB, "ok");
            queued.add(jobs.start(change.id(), DeploymentJobTest.DAVE).id());
        }
        PostgresServer pg = PostgresLab.server();
        try (ConsoleNode c = ConsoleNode.start("node-c", url, pg.username(), dc, winrm(dc));
                ConsoleNode d = ConsoleNode.start("node-d", url, pg.username(), dc, winrm(dc))) {
            await(Duration.ofSeconds(120), () -> queued.stream().allMatch(id -> jobs.find(id).orElseThrow().finished()), c);
        }
        for (long id : queued) {
            DeploymentJob job = jobs.find(id).orElseThrow();
            assertThat(job.status()).isEqualTo(DeploymentJob.Status.SUCCEEDED);
            assertThat(job.runs()).as("job %d ran once", id).isEqualTo(1);
            assertThat(job.node()).isIn("node-c", "node-d");
            assertThat(jobs.log(id)).extracting(DeploymentJob.LogLine::line).filteredOn(l -> l.startsWith("Started on node")).hasSize(1);
        }
        // the ASA was created once, whichever node's job got there first; the others found it in place
        assertThat(jdbc.sql("SELECT count(*) FROM audit_record WHERE action = 'ldap.account.create' AND outcome = 'SUCCESS' "
                + "AND target LIKE :asa").param("asa", "%" + estate.asaSam + "%").query(Integer.class).single()).isEqualTo(1);
    }

    int doneTasks(long jobId, String step) {
        return jobs.steps(jobId).stream().filter(s -> s.key().equals(step)).flatMap(s -> s.tasks().stream())
                .filter(t -> t.status() == DeploymentJob.StepStatus.DONE).toList().size();
    }

    static void await(Duration timeout, java.util.function.BooleanSupplier condition, ConsoleNode node) throws Exception {
        node.awaitStarted(Duration.ofMinutes(5));
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            if (!node.alive()) {
                throw new AssertionError("the console node died:\n" + Files.readString(node.output));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("timed out; node output:\n" + Files.readString(node.output));
    }
}
