package com.asaconsole.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.asaconsole.AsaConsoleApplication;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The command-line verifier as an operator runs it: its own JVM, the console's main class and
 * settings, against an H2 file database the console wrote. It starts no web server (it failed to
 * start at all before, needing HttpSecurity) and exits 0 for an intact trail, 3 for a broken one
 * (a record rewritten with its hash recomputed) and 2 when it could not run.
 */
class AuditCommandLineTest {

    @TempDir
    Path dir;

    @Test
    void theVerifierRunsWithoutTheWebStackAndSaysWhatItFoundByItsExitCode() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("console") + ";IFEXISTS=TRUE";
        try (ConfigurableApplicationContext console = SpringApplication.run(AsaConsoleApplication.class, "--spring.profiles.active=test",
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("console"), "--server.port=0",
                "--logging.file.name=" + dir.resolve("console.json"))) {
            AuditTrail trail = console.getBean(AuditTrail.class);
            for (int i = 1; i <= 3; i++) {
                trail.record(AuditEvent.of("test.cli", "record " + i));
            }
        }

        Result intact = verify("--spring.datasource.url=" + url);
        assertThat(intact.code()).as(intact.output()).isEqualTo(AuditVerifyCommand.INTACT);
        assertThat(intact.output()).contains("audit-verify: INTACT records=").doesNotContain("Tomcat", "HttpSecurity", "Started AsaConsole");

        rewriteRecordTwo(url);
        Result broken = verify("--spring.datasource.url=" + url);
        assertThat(broken.code()).as(broken.output()).isEqualTo(AuditVerifyCommand.BROKEN);
        assertThat(broken.output()).contains("BROKEN first-bad-record=2").contains("Record 2 was rewritten");

        Result noDatabase = verify("--spring.datasource.url=jdbc:h2:file:" + dir.resolve("nothing-here") + ";IFEXISTS=TRUE");
        assertThat(noDatabase.code()).as(noDatabase.output()).isEqualTo(AuditVerifyCommand.COULD_NOT_RUN);
        assertThat(noDatabase.output()).contains("audit-verify: COULD-NOT-RUN");

        Result badArgument = verify("--spring.datasource.url=" + url, "--audit-checkpoint=nonsense");
        assertThat(badArgument.code()).isEqualTo(AuditVerifyCommand.COULD_NOT_RUN);
        assertThat(badArgument.output()).contains("--audit-checkpoint must be SEQ:HASH");
    }

    /** Someone with the database file (and no audit key) edits record 2 and recomputes the chain after it. */
    private static void rewriteRecordTwo(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "asa", ""); Statement s = c.createStatement()) {
            JdbcTemplate jdbc = new JdbcTemplate(new org.springframework.jdbc.datasource.SingleConnectionDataSource(c, true));
            s.execute("DROP TRIGGER audit_record_append_only");
            List<AuditRecord> records = jdbc.query("SELECT " + AuditRows.COLUMNS + " FROM audit_record ORDER BY seq",
                    (rs, n) -> AuditRows.map(rs));
            String prev = records.get(0).hash();
            for (AuditRecord r : records.subList(1, records.size())) {
                AuditRecord changed = new AuditRecord(r.seq(), r.occurredAt(), r.actorId(), r.actorName(), r.sourceAddress(), r.action(),
                        r.seq() == 2 ? "nothing happened" : r.target(), r.outcome(), r.correlation(), r.details(), prev, null);
                String hash = ChainHash.of(changed);
                jdbc.update("UPDATE audit_record SET target = ?, prev_hash = ?, hash = ? WHERE seq = ?", changed.target(), prev, hash,
                        r.seq());
                prev = hash;
            }
            jdbc.update("UPDATE audit_chain_head SET last_hash = ? WHERE id = 1", prev);
            s.execute("CREATE TRIGGER audit_record_append_only BEFORE UPDATE, DELETE ON audit_record FOR EACH ROW CALL '"
                    + AppendOnlyTrigger.class.getName() + "'");
        }
    }

    private Result verify(String... settings) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), AsaConsoleApplication.class.getName(), "--audit-verify",
                "--spring.profiles.active=test", "--logging.file.name=" + dir.resolve("verify.json")));
        command.addAll(List.of(settings));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private record Result(int code, String output) {
    }
}
