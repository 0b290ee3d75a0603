package com.asaconsole.audit;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Walks the whole chain in order with a forward-only cursor (memory does not grow with the
 * trail) and stops at the first record that is missing, altered, rewritten (hash recomputed, but
 * its seal, which needs the audit key, no longer matches), badly linked, contradicts a signed
 * checkpoint or notes a checkpoint that is no longer stored; then compares the end of the chain
 * with the newest checkpoint and the chain head, and says whether the database still protects it.
 */
@Component
class AuditVerifier {

    private static final Pattern CHECKPOINT_NOTE = Pattern.compile("\"checkpoint\":\"(\\d+)\".*\"record\":\"(\\d+)\"");

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;
    private final Checkpoints checkpoints;
    private final AuditKey key;
    private final AuditProtection protection;
    private final AuditProperties properties;
    private final TransactionTemplate readOnly;

    AuditVerifier(JdbcTemplate jdbcTemplate, JdbcClient jdbc, Checkpoints checkpoints, AuditKey key, AuditProtection protection,
            AuditProperties properties, PlatformTransactionManager transactions) {
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = jdbc;
        this.checkpoints = checkpoints;
        this.key = key;
        this.protection = protection;
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
        List<String> warnings = new ArrayList<>(protection.warnings());
        List<String> unprotected = protection.problems();
        Map<Long, Checkpoint> bySeq = new HashMap<>();
        Map<Long, Checkpoint> byId = new HashMap<>();
        Checkpoint latest = null;
        for (Checkpoint c : checkpoints.all()) {
            if (!checkpoints.genuine(c)) {
                return broken(0, 0, null, c.lastSeq(), "Checkpoint #" + c.id() + " (record " + c.lastSeq() + ", taken "
                        + c.takenAt() + ") has a wrong signature: it was forged or altered, or signed with another audit key.", 0,
                        null, warnings, unprotected);
            }
            bySeq.put(c.lastSeq(), c);
            byId.put(c.id(), c);
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
            PreparedStatement ps = con.prepareStatement("SELECT " + AuditRows.COLUMNS + ", seal FROM audit_record ORDER BY seq",
                    ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            ps.setFetchSize(properties.fetchSize());
            return ps;
        }, (ResultSetExtractor<Walk>) rs -> walk(rs, bySeq, byId));
        if (walk.problem != null) {
            return broken(walk.checked, walk.lastSeq, walk.lastHash, walk.firstBad, walk.problem, walk.checkpoints, newest,
                    warnings, unprotected);
        }
        if (newest != null && newest.lastSeq() > walk.lastSeq) {
            return broken(walk.checked, walk.lastSeq, walk.lastHash, walk.lastSeq + 1, "The trail ends at record " + walk.lastSeq
                    + " but " + name(newest) + " vouches for record "
                    + newest.lastSeq() + ": records " + (walk.lastSeq + 1) + " to " + newest.lastSeq() + " were removed.",
                    walk.checkpoints, newest, warnings, unprotected);
        }
        Long head = jdbc.sql("SELECT last_seq FROM audit_chain_head WHERE id = 1").query(Long.class).optional().orElse(null);
        if (head == null) {
            warnings.add("The chain head row is missing: new records cannot be written until it is restored.");
        } else if (head > walk.lastSeq) {
            return broken(walk.checked, walk.lastSeq, walk.lastHash, walk.lastSeq + 1, "The trail ends at record " + walk.lastSeq
                    + " but the chain head says record " + head + " was written: records " + (walk.lastSeq + 1) + " to "
                    + head + " were removed.", walk.checkpoints, newest, warnings, unprotected);
        }
        return new Verification(true, walk.checked, walk.lastSeq, walk.lastHash, null, null, walk.checkpoints, newest,
                List.copyOf(warnings), List.copyOf(unprotected));
    }

    private Walk walk(ResultSet rs, Map<Long, Checkpoint> checkpoints, Map<Long, Checkpoint> byId) throws SQLException {
        Walk w = new Walk();
        long expected = 1;
        String prevHash = ChainHash.GENESIS;
        while (rs.next()) {
            AuditRecord r = AuditRows.map(rs);
            String seal = rs.getString(13);
            if (r.seq() != expected) {
                return w.fail(expected, r.seq() > expected
                        ? "Record " + expected + " is missing: record " + r.seq() + " follows record " + (expected - 1) + "."
                        : "Record " + r.seq() + " appears twice or out of order.");
            }
            if (!ChainHash.of(r).equals(r.hash())) {
                return w.fail(r.seq(), "Record " + r.seq() + " was altered: its contents no longer match its hash.");
            }
            if (seal == null) {
                return w.fail(r.seq(), "Record " + r.seq() + " has no seal: every record is sealed with the audit key when it is "
                        + "written, so its seal was removed.");
            }
            if (!key.sealed(r.seq(), r.hash(), seal)) {
                return w.fail(r.seq(), "Record " + r.seq() + " was rewritten: its hash matches its contents, but its seal, which "
                        + "only the holder of the audit key can make, does not. Its contents were changed and its hash (and the "
                        + "links after it) recomputed.");
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
            if (Checkpoints.ACTION.equals(r.action())) {
                Matcher note = CHECKPOINT_NOTE.matcher(r.details());
                Checkpoint noted = note.find() ? byId.get(Long.parseLong(note.group(1))) : null;
                if (noted == null || noted.lastSeq() != Long.parseLong(note.group(2))) {
                    return w.fail(r.seq(), "Record " + r.seq() + " notes " + r.target() + ", which is no longer among the stored "
                            + "checkpoints: they were removed or altered.");
                }
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
            int checkpointsChecked, Checkpoint latest, List<String> warnings, List<String> unprotected) {
        return new Verification(false, checked, lastSeq, lastHash, firstBad, problem, checkpointsChecked, latest,
                List.copyOf(warnings), List.copyOf(unprotected));
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
