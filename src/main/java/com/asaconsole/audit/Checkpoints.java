package com.asaconsole.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Periodically signs the chain head and stores the checkpoint; also writes it to the log, a
 * second place an attacker on the database would have to reach, and appends a record of it to
 * the chain itself ({@code audit.checkpoint}), so that removing stored checkpoints is caught too.
 */
@Component
class Checkpoints {

    static final String ACTION = "audit.checkpoint";

    private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);

    private final JdbcClient jdbc;
    private final AuditKey key;
    private final Clock clock;
    private final AuditTrail trail;
    private final TransactionTemplate transaction;

    Checkpoints(JdbcClient jdbc, AuditKey key, Clock clock, AuditTrail trail, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.key = key;
        this.clock = clock;
        this.trail = trail;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Scheduled(fixedDelayString = "${asa.audit.checkpoint-interval:5m}", initialDelayString = "${asa.audit.checkpoint-interval:5m}")
    void scheduled() {
        try {
            take();
        } catch (RuntimeException e) {
            log.error("Audit checkpoint failed: {}", e.getMessage());
        }
    }

    /** Signs the current head, unless nothing was written since the last checkpoint; empty without records. */
    Optional<Checkpoint> take() {
        return transaction.execute(status -> {
            var head = jdbc.sql("""
                    SELECT h.last_seq, r.hash, r.action FROM audit_chain_head h JOIN audit_record r ON r.seq = h.last_seq
                    WHERE h.id = 1 AND r.hash = h.last_hash""")
                    .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2).trim(), rs.getString(3))).optional();
            if (head.isEmpty()) {
                Long lastSeq = jdbc.sql("SELECT last_seq FROM audit_chain_head WHERE id = 1").query(Long.class).optional().orElse(null);
                if (lastSeq != null && lastSeq > 0) {
                    log.error("Audit checkpoint skipped: the chain head does not match record {}; run the audit verifier", lastSeq);
                }
                return Optional.<Checkpoint>empty();
            }
            Head h = head.get();
            boolean done = ACTION.equals(h.action())
                    || jdbc.sql("SELECT COUNT(*) FROM audit_checkpoint WHERE last_seq = ?").param(h.seq()).query(Long.class).single() > 0;
            if (done) {
                return Optional.<Checkpoint>empty();
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            String signature = sign(h.seq(), h.hash(), now);
            GeneratedKeyHolder keys = new GeneratedKeyHolder();
            jdbc.sql("INSERT INTO audit_checkpoint (taken_at, last_seq, last_hash, signature) VALUES (?, ?, ?, ?)")
                    .params(Timestamp.from(now), h.seq(), h.hash(), signature).update(keys, "id");
            long id = keys.getKey().longValue();
            trail.record(AuditEvent.of(ACTION, "checkpoint #" + id).by(Actor.SYSTEM).withDetail("checkpoint", id)
                    .withDetail("record", h.seq()).withDetail("hash", h.hash()));
            log.info("Audit checkpoint: record {} hash {} at {} signature {}", h.seq(), h.hash(), now, signature);
            return Optional.of(new Checkpoint(id, now, h.seq(), h.hash(), signature));
        });
    }

    List<Checkpoint> all() {
        return jdbc.sql("SELECT id, taken_at, last_seq, last_hash, signature FROM audit_checkpoint ORDER BY id")
                .query((rs, n) -> new Checkpoint(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getLong(3),
                        rs.getString(4).trim(), rs.getString(5).trim()))
                .list();
    }

    boolean genuine(Checkpoint checkpoint) {
        return AuditKey.equal(sign(checkpoint.lastSeq(), checkpoint.lastHash(), checkpoint.takenAt()), checkpoint.signature());
    }

    private String sign(long seq, String hash, Instant at) {
        return key.mac("asa-console audit checkpoint\nseq=" + seq + "\nhash=" + hash + "\ntaken_at=" + at + "\n");
    }

    private record Head(long seq, String hash, String action) {
    }
}
