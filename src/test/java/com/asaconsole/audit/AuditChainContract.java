package com.asaconsole.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The chain, its append-only table and the verifier, on every database the console runs on.
 * Tampering goes through plain SQL with the database's own protection switched off for the
 * moment (as an attacker with owner rights could), then switched on again.
 */
abstract class AuditChainContract {

    @Autowired
    AuditTrail trail;

    @Autowired
    AuditVerifier verifier;

    @Autowired
    Checkpoints checkpoints;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AuditExport export;

    @Autowired
    PostgresCopy postgresCopy;

    /** Whether this database writes the CSV itself (PostgreSQL's COPY). */
    abstract boolean serverWritesCsv();

    @Autowired
    DataSource dataSource;

    @Autowired
    PlatformTransactionManager transactions;

    /** Statements that switch off the append-only triggers and the checkpoint's foreign key. */
    abstract List<String> unprotect();

    /** Statements that switch them on again. */
    abstract List<String> protect();

    /** A statement that removes (or, where the database can, switches off) the record table's append-only trigger. */
    abstract String dropRecordTrigger();

    /** The statement that puts it back. */
    abstract String restoreRecordTrigger();

    @Autowired
    AuditTrailHealth health;

    @BeforeEach
    void emptyTrail() throws SQLException {
        tamper("DELETE FROM audit_checkpoint", "DELETE FROM audit_record",
                "UPDATE audit_chain_head SET last_seq = 0, last_hash = '" + ChainHash.GENESIS + "' WHERE id = 1");
    }

    @Test
    void recordsAreLinkedAndTheChainVerifies() {
        AuditRecord first = trail.record(AuditEvent.of("plan.saved", "plan 1").by(new Actor("local:1", "Admin")).from("10.0.0.1"));
        AuditRecord second = trail.record(AuditEvent.of("plan.saved", "plan 2").withDetail("steps", 3));

        assertThat(first.seq()).isEqualTo(1);
        assertThat(first.prevHash()).isEqualTo(ChainHash.GENESIS);
        assertThat(second.seq()).isEqualTo(2);
        assertThat(second.prevHash()).isEqualTo(first.hash());
        assertThat(second.actorId()).isEqualTo("system");
        Map<String, Object> row = jdbc.queryForMap("SELECT actor_id, actor_name, source_address, action, target, outcome, hash "
                + "FROM audit_record WHERE seq = 1");
        assertThat(row).containsEntry("actor_id", "local:1").containsEntry("actor_name", "Admin")
                .containsEntry("source_address", "10.0.0.1").containsEntry("action", "plan.saved")
                .containsEntry("outcome", "SUCCESS").containsEntry("hash", first.hash());

        Verification v = verifier.verify();
        assertThat(v.intact()).as(String.valueOf(v.problem())).isTrue();
        assertThat(v.recordsChecked()).isEqualTo(2);
        assertThat(v.lastHash()).isEqualTo(second.hash());
    }

    @Test
    void theDatabaseRefusesUpdateDeleteAndTruncate() {
        trail.record(AuditEvent.of("sign-in", "admin"));
        checkpoints.take().orElseThrow();

        assertThatThrownBy(() -> jdbc.update("UPDATE audit_record SET target = 'someone else'")).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM audit_record")).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("TRUNCATE TABLE audit_record")).isNotNull();
        assertThatThrownBy(() -> jdbc.update("DELETE FROM audit_checkpoint")).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("UPDATE audit_checkpoint SET last_seq = 1")).rootCause().hasMessageContaining("append-only");

        assertThat(jdbc.queryForObject("SELECT target FROM audit_record WHERE seq = 1", String.class)).isEqualTo("admin");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_checkpoint", Integer.class)).isEqualTo(1);
        assertThat(verifier.verify().intact()).isTrue();
    }

    @Test
    void concurrentWritersDoNotForkTheChain() throws Exception {
        int threads = 8;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit((Callable<Void>) () -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        trail.record(AuditEvent.of("test.concurrent", "thread " + thread).withDetail("i", i));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT prev_hash) FROM audit_record", Integer.class)).isEqualTo(threads * each);
        assertThat(jdbc.queryForObject("SELECT MAX(seq) FROM audit_record", Long.class)).isEqualTo(threads * each);
        Verification v = verifier.verify();
        assertThat(v.intact()).as(String.valueOf(v.problem())).isTrue();
        assertThat(v.recordsChecked()).isEqualTo(threads * each);
    }

    @Test
    void anEditedFieldIsDetectedAtThatRecord() throws SQLException {
        five();
        tamper("UPDATE audit_record SET outcome = 'FAILURE' WHERE seq = 3");

        Verification v = verifier.verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBadSeq()).isEqualTo(3);
        assertThat(v.problem()).startsWith("Record 3 was altered");
        assertThat(v.recordsChecked()).isEqualTo(2);
    }

    @Test
    void anEditWithARecomputedHashIsNamedByItsSeal() throws SQLException {
        five();
        AuditRecord three = row(3);
        String forged = ChainHash.of(with(three, "a different target", three.prevHash()));
        tamper("UPDATE audit_record SET target = 'a different target', hash = '" + forged + "' WHERE seq = 3");

        Verification v = verifier.verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBadSeq()).isEqualTo(3);
        assertThat(v.problem()).startsWith("Record 3 was rewritten");
    }

    @Test
    void anEditWithTheWholeChainRecomputedIsStillNamedAtTheEditedRecord() throws SQLException {
        five();
        List<String> statements = new ArrayList<>();
        String prev = row(2).hash();
        for (long seq = 3; seq <= 5; seq++) {
            AuditRecord r = row(seq);
            AuditRecord rewritten = with(r, seq == 3 ? "someone else" : r.target(), prev);
            String hash = ChainHash.of(rewritten);
            statements.add("UPDATE audit_record SET target = '" + rewritten.target() + "', prev_hash = '" + prev + "', hash = '" + hash
                    + "' WHERE seq = " + seq);
            prev = hash;
        }
        statements.add("UPDATE audit_chain_head SET last_hash = '" + prev + "' WHERE id = 1");
        tamper(statements.toArray(String[]::new));

        Verification v = verifier.verify();
        assertThat(v.intact()).as("every hash and link is consistent again; only the seals remember").isFalse();
        assertThat(v.firstBadSeq()).isEqualTo(3);
        assertThat(v.problem()).startsWith("Record 3 was rewritten");

        // stripping the seals as well does not help
        tamper("UPDATE audit_record SET seal = NULL WHERE seq >= 3");
        v = verifier.verify();
        assertThat(v.firstBadSeq()).isEqualTo(3);
        assertThat(v.problem()).startsWith("Record 3 has no seal");
    }

    @Test
    void removingTheStoredCheckpointsIsCaught() throws SQLException {
        five();
        Checkpoint taken = checkpoints.take().orElseThrow();
        trail.record(AuditEvent.of("test.after", "seven"));
        assertThat(verifier.verify().intact()).isTrue();
        long noted = jdbc.queryForObject("SELECT seq FROM audit_record WHERE action = 'audit.checkpoint'", Long.class);

        tamper("DELETE FROM audit_checkpoint");

        Verification v = verifier.verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBadSeq()).isEqualTo(noted);
        assertThat(v.problem()).contains("checkpoint #" + taken.id()).contains("no longer among the stored checkpoints");
    }

    @Test
    void aCheckpointIsTakenOnlyWhenSomethingWasWrittenSinceTheLastOne() {
        five();
        assertThat(checkpoints.take()).isPresent();
        assertThat(checkpoints.take()).as("only its own record since").isEmpty();
        trail.record(AuditEvent.of("test.after", "six"));
        assertThat(checkpoints.take()).isPresent();
        assertThat(verifier.verify().checkpointsChecked()).isEqualTo(2);
    }

    @Test
    void aDroppedAppendOnlyTriggerIsReportedAndReadinessGoesDown() throws SQLException {
        five();
        assertThat(verifier.verify().sound()).isTrue();
        assertThat(health.health().getStatus().getCode()).isEqualTo("UP");
        execute(dropRecordTrigger());
        try {
            Verification v = verifier.verify();
            assertThat(v.intact()).as("nothing was changed yet").isTrue();
            assertThat(v.sound()).isFalse();
            assertThat(v.unprotected()).singleElement().asString().contains("audit_record_append_only")
                    .contains("the database accepts changes to the trail");
            assertThat(health.health().getStatus().getCode()).isEqualTo("DOWN");
            assertThat(health.health().getDetails().get("problem").toString()).contains("audit_record_append_only");
        } finally {
            execute(restoreRecordTrigger());
        }
        assertThat(verifier.verify().sound()).isTrue();
    }

    @Test
    void aDeletedRecordIsNamed() throws SQLException {
        five();
        tamper("DELETE FROM audit_record WHERE seq = 3");

        Verification v = verifier.verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBadSeq()).isEqualTo(3);
        assertThat(v.problem()).isEqualTo("Record 3 is missing: record 4 follows record 2.");
    }

    @Test
    void reorderedRecordsAreDetectedAtTheFirstMovedOne() throws SQLException {
        five();
        tamper("UPDATE audit_record SET seq = -2 WHERE seq = 2", "UPDATE audit_record SET seq = 2 WHERE seq = 4",
                "UPDATE audit_record SET seq = 4 WHERE seq = -2");

        Verification v = verifier.verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBadSeq()).isEqualTo(2);
        assertThat(v.problem()).startsWith("Record 2 was altered");
    }

    @Test
    void aTruncatedTailIsDetectedByTheSignedCheckpoint() throws SQLException {
        five();
        trail.record(AuditEvent.of("test.tail", "six"));
        checkpoints.take().orElseThrow();
        // a careful attacker also moves the chain head back, so only the signed checkpoint remembers
        tamper("DELETE FROM audit_record WHERE seq >= 5",
                "UPDATE audit_chain_head SET last_seq = 4, last_hash = (SELECT hash FROM audit_record WHERE seq = 4) WHERE id = 1");

        Verification v = verifier.verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBadSeq()).isEqualTo(5);
        assertThat(v.problem()).startsWith("The trail ends at record 4 but checkpoint #").contains("vouches for record 6",
                "records 5 to 6 were removed");
    }

    @Test
    void aTruncatedTailIsDetectedByTheChainHeadWhenNoCheckpointCoversIt() throws SQLException {
        five();
        tamper("DELETE FROM audit_record WHERE seq = 5");

        Verification v = verifier.verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBadSeq()).isEqualTo(5);
        assertThat(v.problem()).contains("the chain head says record 5 was written");
    }

    @Test
    void aForgedCheckpointIsRefused() throws SQLException {
        five();
        checkpoints.take().orElseThrow();
        tamper("UPDATE audit_checkpoint SET last_seq = 2, last_hash = (SELECT hash FROM audit_record WHERE seq = 2)");

        Verification v = verifier.verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.problem()).contains("has a wrong signature");
    }

    @Test
    void aFailedWriteRollsTheActionBack() throws SQLException {
        int accountsBefore = jdbc.queryForObject("SELECT COUNT(*) FROM local_account", Integer.class);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        breakTheChainHead();
        try {
            assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
                jdbc.update("INSERT INTO local_account (username, display_name, password_hash, roles, enabled, created_at, version) "
                        + "VALUES ('audited', 'Audited', '{noop}x', 'HELPDESK', TRUE, CURRENT_TIMESTAMP, 0)");
                trail.record(AuditEvent.of("local-account.created", "audited"));
            })).isInstanceOf(AuditUnavailable.class).hasMessageContaining("local-account.created");
        } finally {
            restoreTheChainHead();
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM local_account", Integer.class)).isEqualTo(accountsBefore);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_record", Integer.class)).isZero();
    }

    @Test
    void aSideEffectDoesNotRunWhenItsIntentCannotBeRecorded() throws SQLException {
        AtomicBoolean ldapWriteRan = new AtomicBoolean();
        breakTheChainHead();
        try {
            assertThatThrownBy(() -> {
                Intent intent = trail.intent(AuditEvent.of("ldap.spn.add", "CN=EXCH2016ASA,CN=Computers"));
                ldapWriteRan.set(true);
                trail.outcome(intent, Outcome.SUCCESS, Map.of());
            }).isInstanceOf(AuditUnavailable.class);
        } finally {
            restoreTheChainHead();
        }
        assertThat(ldapWriteRan).isFalse();
    }

    @Test
    void anIntentIsDurableEvenWhenTheCallerRollsBack() {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        Intent[] intent = new Intent[1];
        tx.executeWithoutResult(status -> {
            intent[0] = trail.intent(AuditEvent.of("ldap.account.create", "CN=EXCH2016ASA").withCorrelation("change-7"));
            status.setRollbackOnly();
        });
        AuditRecord outcome = trail.outcome(intent[0], Outcome.FAILURE, Map.of("error", "constraint violation"));

        assertThat(jdbc.queryForList("SELECT outcome FROM audit_record WHERE correlation = 'change-7' ORDER BY seq", String.class))
                .containsExactly("PENDING", "FAILURE");
        assertThat(outcome.details()).contains("\"intent\":\"" + intent[0].seq() + "\"").contains("constraint violation");
        assertThat(verifier.verify().intact()).isTrue();
    }

    @Test
    void anIntentInsideATransactionThatAlreadyRecordedIsRefusedInsteadOfDeadlocking() {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            trail.record(AuditEvent.of("plan.saved", "plan 1"));
            trail.intent(AuditEvent.of("ldap.spn.add", "HTTP/mail.contoso.test"));
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("wait for itself");
    }

    @Test
    void secretDetailsAreMasked() {
        AuditRecord r = trail.record(AuditEvent.of("directory.settings.saved", "contoso.test")
                .withDetail("bindPassword", "Known-Bind-Secret-1").withDetail("api_key", "Known-Api-Key-2")
                .withDetail("bindPrincipal", "svc-asa@contoso.test"));
        assertThat(r.details()).doesNotContain("Known-Bind-Secret-1", "Known-Api-Key-2").contains("svc-asa@contoso.test", "****");
        assertThat(jdbc.queryForObject("SELECT details FROM audit_record WHERE seq = ?", String.class, r.seq()))
                .isEqualTo(r.details());
    }

    @Test
    void theCsvExportIsTheSameWhicheverPathWritesIt() throws Exception {
        trail.record(AuditEvent.of("test.csv", "a, \"quoted\"\nvalue").withDetail("k", "v").withCorrelation("csv-1").from("10.0.0.9"));
        trail.record(AuditEvent.of("test.csv", "").withCorrelation("csv-1"));
        trail.record(AuditEvent.of("test.csv", null).withCorrelation("csv-2"));
        trail.record(AuditEvent.of("test.other", "csv-1"));

        assertThat(postgresCopy.available()).isEqualTo(serverWritesCsv());
        AuditFilter byAction = new AuditFilter(null, "test.csv", null, null, null, null, null);
        String chosen = csv(out -> export.csv(byAction, out));
        assertThat(chosen).isEqualTo(csv(out -> export.csvThroughJdbc(byAction, out)));
        assertThat(chosen).startsWith(AuditExport.CSV_HEADER + "\n").contains("\"a, \"\"quoted\"\"\nvalue\"", ",\"\",", ",10.0.0.9,");
        assertThat(chosen.split(",test.csv,", -1)).hasSize(4);

        AuditFilter byChange = new AuditFilter(null, null, null, "csv-1", "2000-01-01T00:00", null, null);
        String changed = csv(out -> export.csv(byChange, out));
        assertThat(changed).isEqualTo(csv(out -> export.csvThroughJdbc(byChange, out)));
        assertThat(changed.split(",test.csv,", -1)).hasSize(3);
        assertThat(changed).contains(",test.other,csv-1,");
        assertThat(csv(out -> export.csv(new AuditFilter(null, null, null, "csv-1", null, "2000-01-01T00:00", null), out)))
                .isEqualTo(AuditExport.CSV_HEADER + "\n");
    }

    private static String csv(CsvWriter writer) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        writer.write(out);
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    interface CsvWriter {
        void write(java.io.OutputStream out) throws Exception;
    }

    private AuditRecord row(long seq) {
        return jdbc.queryForObject("SELECT " + AuditRows.COLUMNS + " FROM audit_record WHERE seq = ?", (rs, n) -> AuditRows.map(rs), seq);
    }

    private static AuditRecord with(AuditRecord r, String target, String prevHash) {
        return new AuditRecord(r.seq(), r.occurredAt(), r.actorId(), r.actorName(), r.sourceAddress(), r.action(), target, r.outcome(),
                r.correlation(), r.details(), prevHash, null);
    }

    void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute(sql);
        }
    }

    private void five() {
        for (int i = 1; i <= 5; i++) {
            trail.record(AuditEvent.of("test.record", "record " + i).withDetail("n", i));
        }
        assertThat(verifier.verify().intact()).isTrue();
    }

    private void breakTheChainHead() {
        jdbc.update("DELETE FROM audit_chain_head");
    }

    private void restoreTheChainHead() {
        Long last = jdbc.queryForObject("SELECT COALESCE(MAX(seq), 0) FROM audit_record", Long.class);
        String hash = last == 0 ? ChainHash.GENESIS
                : jdbc.queryForObject("SELECT hash FROM audit_record WHERE seq = ?", String.class, last);
        jdbc.update("INSERT INTO audit_chain_head (id, last_seq, last_hash) VALUES (1, ?, ?)", last, hash);
    }

    /** Runs the statements with the protection off, on one connection, then switches it on again. */
    void tamper(String... statements) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            for (String sql : unprotect()) {
                s.execute(sql);
            }
            try {
                for (String sql : statements) {
                    s.execute(sql);
                }
            } finally {
                for (String sql : protect()) {
                    s.execute(sql);
                }
            }
        }
    }
}
