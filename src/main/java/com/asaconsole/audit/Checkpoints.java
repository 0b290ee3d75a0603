package com.asaconsole.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Periodically signs the chain head and stores the checkpoint; also writes it to the log, a
 * second place an attacker on the database would have to reach.
 */
@Component
class Checkpoints {

    private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);

    private final JdbcClient jdbc;
    private final AuditProperties properties;
    private final Clock clock;

    Checkpoints(JdbcClient jdbc, AuditProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        if (!properties.signsCheckpoints()) {
            log.warn("asa.audit.checkpoint-key is not set: the audit chain head is not checkpointed, "
                    + "so removing the newest audit records would go unnoticed");
        }
    }

    @Scheduled(fixedDelayString = "${asa.audit.checkpoint-interval:5m}", initialDelayString = "${asa.audit.checkpoint-interval:5m}")
    void scheduled() {
        try {
            take();
        } catch (RuntimeException e) {
            log.error("Audit checkpoint failed: {}", e.getMessage());
        }
    }

    /** Signs the current head, unless it is already checkpointed; empty without a key or records. */
    Optional<Checkpoint> take() {
        if (!properties.signsCheckpoints()) {
            return Optional.empty();
        }
        var head = jdbc.sql("""
                SELECT h.last_seq, r.hash FROM audit_chain_head h JOIN audit_record r ON r.seq = h.last_seq
                WHERE h.id = 1 AND r.hash = h.last_hash""")
                .query((rs, n) -> new Object[] { rs.getLong(1), rs.getString(2).trim() }).optional();
        if (head.isEmpty()) {
            Long lastSeq = jdbc.sql("SELECT last_seq FROM audit_chain_head WHERE id = 1").query(Long.class).optional().orElse(null);
            if (lastSeq != null && lastSeq > 0) {
                log.error("Audit checkpoint skipped: the chain head does not match record {}; run the audit verifier", lastSeq);
            }
            return Optional.empty();
        }
        long seq = (Long) head.get()[0];
        String hash = (String) head.get()[1];
        boolean done = jdbc.sql("SELECT COUNT(*) FROM audit_checkpoint WHERE last_seq = ?").param(seq).query(Long.class).single() > 0;
        if (done) {
            return Optional.empty();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String signature = sign(seq, hash, now);
        jdbc.sql("INSERT INTO audit_checkpoint (taken_at, last_seq, last_hash, signature) VALUES (?, ?, ?, ?)")
                .params(Timestamp.from(now), seq, hash, signature).update();
        log.info("Audit checkpoint: record {} hash {} at {} signature {}", seq, hash, now, signature);
        return all().stream().filter(c -> c.lastSeq() == seq).reduce((a, b) -> b);
    }

    List<Checkpoint> all() {
        return jdbc.sql("SELECT id, taken_at, last_seq, last_hash, signature FROM audit_checkpoint ORDER BY id")
                .query((rs, n) -> new Checkpoint(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getLong(3),
                        rs.getString(4).trim(), rs.getString(5).trim()))
                .list();
    }

    boolean signsCheckpoints() {
        return properties.signsCheckpoints();
    }

    boolean genuine(Checkpoint checkpoint) {
        return properties.signsCheckpoints() && MessageDigest.isEqual(
                sign(checkpoint.lastSeq(), checkpoint.lastHash(), checkpoint.takenAt()).getBytes(StandardCharsets.US_ASCII),
                checkpoint.signature().getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(long seq, String hash, Instant at) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(properties.checkpointKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String message = "asa-console audit checkpoint\nseq=" + seq + "\nhash=" + hash + "\ntaken_at=" + at + "\n";
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
