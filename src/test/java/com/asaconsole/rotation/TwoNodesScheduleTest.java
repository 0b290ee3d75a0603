package com.asaconsole.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import com.asaconsole.ConsoleTest;
import com.asaconsole.deployment.ChangeRequest;
import com.asaconsole.deployment.ChangeRequests;
import com.asaconsole.deployment.ConsoleNode;
import com.asaconsole.deployment.DeploymentJob;
import com.asaconsole.deployment.Jobs;
import com.asaconsole.deployment.LabEstate;
import com.asaconsole.directory.DirectoryGateway;
import com.asaconsole.directory.DirectorySettings;
import com.asaconsole.directory.ForestDirectory;
import com.asaconsole.directory.ForestWrites;
import com.asaconsole.lab.LabDirectory;
import com.asaconsole.lab.LabTest;
import com.asaconsole.lab.PostgresLab;
import com.asaconsole.lab.PostgresServer;
import com.asaconsole.lab.SambaDc;
import com.asaconsole.lab.SambaLab;
import com.asaconsole.lab.cas.CasMemberSimulator;
import com.asaconsole.lab.cas.LabCertificates;
import com.asaconsole.lab.cas.SimulatedCasMembers;
import com.asaconsole.remoting.ExchangeVersion;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
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
 * Two console nodes (each a JVM of its own) on one PostgreSQL database with short intervals: each
 * scheduled health round runs on one node at a time (no two rounds overlap), and each due roll is
 * created once and its job runs once, the key version going up by exactly one per roll. This JVM
 * runs no scheduler (asa.executor.enabled=false): it only sets the estate up and reads the database.
 */
@ConsoleTest
@AutoConfigureMockMvc
@DirtiesContext
@ExtendWith({ SambaLab.class, PostgresLab.class })
@LabTest
class TwoNodesScheduleTest {

    static final String DATABASE = "twonodes_" + UUID.randomUUID().toString().substring(0, 8);
    static final Duration ROLL_INTERVAL = Duration.ofSeconds(30);
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
    }

    @Autowired RotationPolicies policies;
    @Autowired ChangeRequests changes;
    @Autowired Jobs jobs;
    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired DirectorySettings settings;
    @Autowired DirectoryGateway gateway;

    /** Both nodes reach the SIMULATORs with the lab's WinRM settings and run rounds and roll checks every few seconds. */
    static List<String> nodeSettings(SambaDc dc) {
        return List.of("--asa.remoting.principal=" + dc.adminPrincipal(), "--asa.remoting.password=" + dc.adminPassword(),
                "--asa.remoting.trust-store=" + LabCertificates.get().trustStoreFile(), "--asa.remoting.trust-store-password=lab",
                "--asa.remoting.connect-timeout=2s", "--asa.remoting.timeout=20s",
                "--asa.remoting.probe-url=https://{host}:{winrm-port}/ews/exchange.asmx", "--asa.health.interval=3s",
                "--asa.health.logon-window=1h", "--asa.rotation.check-interval=2s");
    }

    @Test
    void eachScheduledRoundAndEachRollRunsOnceWithTwoNodes(SambaDc dc) throws Exception {
        LabDirectory.connect(settings, dc);
        ForestDirectory directory = gateway.open(settings.connection(SambaDc.DNS_DOMAIN));
        String tag = UUID.randomUUID().toString().substring(0, 6);
        try (SimulatedCasMembers lab = new SimulatedCasMembers(dc, List.of("http/ns1-" + tag + ".contoso.test"))) {
            List<CasMemberSimulator> members = List.of(lab.start("cas1.contoso.test", ExchangeVersion.EXCHANGE_2016),
                    lab.start("cas2.contoso.test", ExchangeVersion.EXCHANGE_2016));
            LabEstate estate = new LabEstate(mvc, jdbc, dc, 1, members.stream().map(m -> new LabEstate.Server(m.host(),
                    "https://" + m.host() + ":" + m.port() + "/wsman", m.version().name())).toList(), tag);
            try {
                int version = estate.storePlan();
                ChangeRequest deployment = changes.submit(version, List.of(), ScheduledRollTest.ALICE);
                deployment = changes.approve(deployment.id(), deployment.contentHash(), ScheduledRollTest.BOB, "ok");
                long deployJob = jobs.start(deployment.id(), ScheduledRollTest.ALICE).id();
                PostgresServer pg = PostgresLab.server();
                Instant nodesStarted;
                try (ConsoleNode a = ConsoleNode.start("node-a", url, pg.username(), dc, nodeSettings(dc));
                        ConsoleNode b = ConsoleNode.start("node-b", url, pg.username(), dc, nodeSettings(dc))) {
                    a.awaitStarted(Duration.ofMinutes(5));
                    b.awaitStarted(Duration.ofMinutes(5));
                    nodesStarted = Instant.now();
                    await(Duration.ofMinutes(3), () -> jobs.find(deployJob).orElseThrow().finished(), a, b);
                    assertThat(jobs.find(deployJob).orElseThrow().status()).as(jobs.log(deployJob).toString()).isEqualTo(DeploymentJob.Status.SUCCEEDED);
                    int deployedKey = directory.findAccount(estate.asaSam).orElseThrow().keyVersion();

                    RotationPolicy policy = policies.submit(estate.asaName(), ROLL_INTERVAL, Duration.ofDays(1), ScheduledRollTest.ALICE);
                    policies.approve(policy.id(), policy.contentHash(), ScheduledRollTest.BOB);
                    await(ROLL_INTERVAL.multipliedBy(5), () -> finishedRolls(policy.id()) >= 2, a, b);
                    // read at once: the next roll is due a whole interval after the second one reset the password
                    List<Map<String, Object>> rolls = jdbc.sql("SELECT job_id, created_at FROM rotation_roll WHERE policy_id = :p ORDER BY id")
                            .param("p", policy.id()).query().listOfRows();
                    int key = directory.findAccount(estate.asaSam).orElseThrow().keyVersion();
                    long succeeded = rolls.stream().map(r -> jobs.find(((Number) r.get("job_id")).longValue()).orElseThrow())
                            .filter(j -> j.status().equals(DeploymentJob.Status.SUCCEEDED)).count();
                    assertThat(succeeded).isGreaterThanOrEqualTo(2);
                    assertThat(key).as("one new key per roll, whichever node ran it").isEqualTo(deployedKey + (int) succeeded);
                    for (Map<String, Object> roll : rolls) {
                        long jobId = ((Number) roll.get("job_id")).longValue();
                        DeploymentJob job = jobs.find(jobId).orElseThrow();
                        if (job.finished()) {
                            assertThat(job.runs()).as("roll job %d ran once", jobId).isEqualTo(1);
                            assertThat(jobs.log(jobId)).extracting(DeploymentJob.LogLine::line)
                                    .filteredOn(l -> l.startsWith("Started on node")).hasSize(1);
                        }
                    }
                    for (int i = 1; i < rolls.size(); i++) {
                        Duration apart = Duration.between(time(rolls.get(i - 1), "created_at"), time(rolls.get(i), "created_at"));
                        assertThat(apart).as("rolls %d and %d are a whole interval apart (not one per node)", i, i + 1)
                                .isGreaterThanOrEqualTo(ROLL_INTERVAL);
                    }
                }
                // the health rounds of both nodes: never two at once
                List<Map<String, Object>> rounds = jdbc.sql("SELECT node, started_at, finished_at FROM health_round WHERE started_at > :t "
                        + "ORDER BY started_at").param("t", nodesStarted.atOffset(java.time.ZoneOffset.UTC)).query().listOfRows();
                assertThat(rounds).hasSizeGreaterThanOrEqualTo(5);
                assertThat(rounds).extracting(r -> r.get("node").toString()).allMatch(n -> n.equals("node-a") || n.equals("node-b"));
                for (int i = 1; i < rounds.size(); i++) {
                    assertThat(time(rounds.get(i), "started_at")).as("round %d starts after round %d ended", i + 1, i)
                            .isAfterOrEqualTo(time(rounds.get(i - 1), "finished_at"));
                }
            } finally {
                directory.findAccount(estate.asaSam).ifPresent(acc -> ForestWrites.of(directory).deleteAccount(acc.dn()));
            }
        }
    }

    long finishedRolls(long policyId) {
        return jdbc.sql("SELECT job_id FROM rotation_roll WHERE policy_id = :p").param("p", policyId).query(Long.class).list().stream()
                .filter(id -> jobs.find(id).orElseThrow().finished()).count();
    }

    static Instant time(Map<String, Object> row, String column) {
        Object value = row.get(column);
        if (value instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return Instant.parse(value.toString());
    }

    static void await(Duration timeout, BooleanSupplier condition, ConsoleNode... nodes) throws Exception {
        try {
            Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (condition.getAsBoolean()) {
                    return true;
                }
                for (ConsoleNode node : nodes) {
                    if (!node.alive()) {
                        throw new AssertionError("a console node died:\n" + Files.readString(node.output));
                    }
                }
                return false;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("timed out; node output:\n" + Files.readString(nodes[0].output), e);
        }
    }
}
