package com.asaconsole.audit;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Walks the whole chain in order with a forward-only cursor (memory does not grow with the
 * trail) and stops at the first record that is missing, altered, badly linked or contradicts a
 * signed checkpoint; then compares the end of the chain with the newest checkpoint.
 */
@Component
class AuditVerifier {

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;
    private final Checkpoints checkpoints;
    private final AuditProperties properties;
    private final TransactionTemplate readOnly;

    AuditVerifier(JdbcTemplate jdbcTemplate, JdbcClient jdbc, Checkpoints checkpoints, AuditProperties properties,
            PlatformTransactionManager transactions) {
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = jdbc;
        this.checkpoints = checkpoints;
        this.properties = properties;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    Verification verify() {
        return verify(null);
    }

    /**
     * @param external a checkpoint kept outside the database (from the log or an earlier export),
     *        or null; it is trusted as given, so it also catches an attacker who removed the stored checkpoints
     */
    Verification verify(Checkpoint external) {
        return readOnly.execute(status -> run(external));
    }

    private static String name(Checkpoint c) {
        return c.id() < 0 ? "the checkpoint given (record " + c.lastSeq() + ")" : "checkpoint #" + c.id() + " (taken " + c.takenAt() + ")";
    }

    private Verification run(Checkpoint external) {
        List<String> warnings = new ArrayList<>();
        Map<Long, Checkpoint> bySeq = new HashMap<>();
        Checkpoint latest = null;
        if (!checkpoints.signsCheckpoints()) {
            warnings.add("No checkpoint key is configured (asa.audit.checkpoint-key): removal of the newest records "
                    + "cannot be detected.");
        }
        for (Checkpoint c : checkpoints.all()) {
            if (!checkpoints.signsCheckpoints()) {
                break;
            }
            if (!checkpoints.genuine(c)) {
                return broken(0, 0, null, c.lastSeq(), "Checkpoint #" + c.id() + " (record " + c.lastSeq() + ", taken "
                        + c.takenAt() + ") has a wrong signature: it was forged or altered.", 0, null, warnings);
            }
            bySeq.put(c.lastSeq(), c);
            if (latest == null || c.lastSeq() > latest.lastSeq()) {
                latest = c;
            }
        }
        if (external != null) {
            bySeq.put(external.lastSeq(), external);
            if (latest == null || external.lastSeq() > latest.lastSeq()) {
                latest = external;
            }
        }
        Checkpoint newest = latest;
        Walk walk = jdbcTemplate.query(con -> {
            PreparedStatement ps = con.prepareStatement("SELECT " + AuditRows.COLUMNS + " FROM audit_record ORDER BY seq",
                    ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            ps.setFetchSize(properties.fetchSize());
            return ps;
        }, (ResultSetExtractor<Walk>) rs -> walk(rs, bySeq));
        if (walk.problem != null) {
            return broken(walk.checked, walk.lastSeq, walk.lastHash, walk.firstBad, walk.problem, walk.checkpoints, newest,
                    warnings);
        }
        if (newest != null && newest.lastSeq() > walk.lastSeq) {
            return broken(walk.checked, walk.lastSeq, walk.lastHash, walk.lastSeq + 1, "The trail ends at record " + walk.lastSeq
                    + " but " + name(newest) + " vouches for record "
                    + newest.lastSeq() + ": records " + (walk.lastSeq + 1) + " to " + newest.lastSeq() + " were removed.",
                    walk.checkpoints, newest, warnings);
        }
        Long head = jdbc.sql("SELECT last_seq FROM audit_chain_head WHERE id = 1").query(Long.class).optional().orElse(null);
        if (head == null) {
            warnings.add("The chain head row is missing: new records cannot be written until it is restored.");
        } else if (head > walk.lastSeq) {
            return broken(walk.checked, walk.lastSeq, walk.lastHash, walk.lastSeq + 1, "The trail ends at record " + walk.lastSeq
                    + " but the chain head says record " + head + " was written: records " + (walk.lastSeq + 1) + " to "
                    + head + " were removed.", walk.checkpoints, newest, warnings);
        }
        return new Verification(true, walk.checked, walk.lastSeq, walk.lastHash, null, null, walk.checkpoints, newest,
                List.copyOf(warnings));
    }

    private static Walk walk(ResultSet rs, Map<Long, Checkpoint> checkpoints) throws java.sql.SQLException {
        Walk w = new Walk();
        long expected = 1;
        String prevHash = ChainHash.GENESIS;
        while (rs.next()) {
            AuditRecord r = AuditRows.map(rs);
            if (r.seq() != expected) {
                return w.fail(expected, r.seq() > expected
                        ? "Record " + expected + " is missing: record " + r.seq() + " follows record " + (expected - 1) + "."
                        : "Record " + r.seq() + " appears twice or out of order.");
            }
            if (!ChainHash.of(r).equals(r.hash())) {
                return w.fail(r.seq(), "Record " + r.seq() + " was altered: its contents no longer match its hash.");
            }
            if (!r.prevHash().equals(prevHash)) {
                return w.fail(r.seq(), "Record " + r.seq() + " does not link to record " + (r.seq() - 1)
                        + ": one of them was replaced or the chain was re-ordered.");
            }
            Checkpoint c = checkpoints.get(r.seq());
            if (c != null) {
                if (!c.lastHash().equals(r.hash())) {
                    return w.fail(r.seq(), "Record " + r.seq() + " differs from " + name(c)
                            + ": the chain was rewritten up to here.");
                }
                w.checkpoints++;
            }
            w.checked++;
            w.lastSeq = r.seq();
            w.lastHash = r.hash();
            prevHash = r.hash();
            expected++;
        }
        return w;
    }

    private static Verification broken(long checked, long lastSeq, String lastHash, long firstBad, String problem,
            int checkpointsChecked, Checkpoint latest, List<String> warnings) {
        return new Verification(false, checked, lastSeq, lastHash, firstBad, problem, checkpointsChecked, latest,
                List.copyOf(warnings));
    }

    private static final class Walk {
        long checked;
        long lastSeq;
        String lastHash;
        int checkpoints;
        Long firstBad;
        String problem;

        Walk fail(long seq, String sentence) {
            firstBad = seq;
            problem = sentence;
            return this;
        }
    }
}
