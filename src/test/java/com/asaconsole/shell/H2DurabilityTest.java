package com.asaconsole.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.asaconsole.ConsoleTest;
import com.asaconsole.lab.ConsoleClient;
import com.asaconsole.lab.ConsoleJvm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing acknowledged is lost on the embedded database: a console on H2 with the shipped
 * datasource settings is killed with SIGKILL while four clients save topology items; every save
 * that was answered 201 is in the database afterwards, with its audit record, and the chain
 * verifies when the console starts again. (With H2's default commit delay the last half second of
 * acknowledged saves and their audit records were lost.)
 */
class H2DurabilityTest {

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedSaveAndItsAuditRecordSurviveKillMinusNine() throws Exception {
        String url = shippedUrl().replace("./data/", dir.resolve("data") + "/");
        List<String> settings = List.of("--spring.datasource.url=" + url, "--logging.file.name=" + dir.resolve("console.json"));
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        try (ConsoleJvm console = ConsoleJvm.start("h2-durability", List.of("-Xmx384m"), settings)) {
            ConsoleClient client = new ConsoleClient(console.baseUrl());
            assertThat(client.signIn("admin", ConsoleTest.BOOTSTRAP_PASSWORD)).isTrue();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService writers = Executors.newFixedThreadPool(4);
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.submit(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        String name = "w" + writer + "-" + i + ".durable.test";
                        try {
                            HttpResponse<String> r = client.postJson("/api/topology/forests", "{\"dnsName\":\"" + name
                                    + "\",\"netbiosName\":\"W" + writer + "X" + i + "\",\"ldapsEndpoint\":\"ldaps://dc1." + name
                                    + "\",\"globalCatalogEndpoint\":\"ldaps://dc1." + name + ":3269\",\"asaOu\":\"OU=X,DC=durable,DC=test\"}");
                            if (r.statusCode() == 201) {
                                acknowledged.add(name);
                            }
                        } catch (Exception e) {
                            return null; // the console is gone
                        }
                    }
                    return null;
                });
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (acknowledged.size() < 200 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            console.kill(); // while all four are still saving
            stop.set(true);
            writers.shutdown();
            assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(200);

        Set<String> stored = new HashSet<>();
        Set<String> audited = new HashSet<>();
        try (Connection c = DriverManager.getConnection(url + ";IFEXISTS=TRUE", "asa", ""); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT dns_name FROM forest")) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT target FROM audit_record WHERE action = 'topology.saved'")) {
                while (rs.next()) {
                    audited.add(rs.getString(1).replace("Forest ", ""));
                }
            }
        }
        assertThat(stored).as("acknowledged saves in the database after SIGKILL").containsAll(acknowledged);
        assertThat(audited).as("their audit records").containsAll(acknowledged);

        try (ConsoleJvm again = ConsoleJvm.start("h2-durability-restart", List.of("-Xmx384m"), settings)) {
            ConsoleClient client = new ConsoleClient(again.baseUrl());
            assertThat(client.signIn("admin", ConsoleTest.BOOTSTRAP_PASSWORD)).isTrue();
            assertThat(client.get("/api/audit/verify").body()).contains("\"intact\":true");
        }
    }

    /** The datasource URL the console ships with (application.yml), so the test covers what people run. */
    static String shippedUrl() throws Exception {
        for (String line : Files.readAllLines(Path.of("src/main/resources/application.yml"))) {
            String trimmed = line.trim();
            if (trimmed.startsWith("url: jdbc:h2:file:")) {
                return trimmed.substring("url: ".length());
            }
        }
        throw new IllegalStateException("no H2 datasource URL in application.yml");
    }
}
