package com.asaconsole.health;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The rounds and their results, kept as history (tables health_round and health_result). */
@Repository
class HealthStore {

    private final JdbcClient jdbc;

    HealthStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a finished round with all its results in one transaction: a round is there whole or not at all. */
    @Transactional
    HealthRound save(Instant started, Instant finished, HealthRound.Trigger trigger, String node, Integer planVersion, String note,
            List<CheckResult> results) {
        long ok = results.stream().filter(r -> r.verdict() == Verdict.OK).count();
        long warn = results.stream().filter(r -> r.verdict() == Verdict.WARN).count();
        long fail = results.stream().filter(r -> r.verdict() == Verdict.FAIL).count();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO health_round (started_at, finished_at, trigger_kind, node, plan_version, note, ok_count, warn_count, "
                + "fail_count) VALUES (:s, :f, :t, :n, :p, :note, :ok, :warn, :fail)").param("s", time(started)).param("f", time(finished))
                .param("t", trigger.name()).param("n", node).param("p", planVersion).param("note", clip(note, 2000)).param("ok", ok)
                .param("warn", warn).param("fail", fail).update(key, "id");
        long id = key.getKey().longValue();
        int position = 0;
        for (CheckResult r : results) {
            jdbc.sql("INSERT INTO health_result (round_id, position, subject_kind, subject, subject_group, check_key, verdict, cause, "
                    + "sentence, evidence, fix, read_at, kerberos_logons, ntlm_logons) VALUES (:r, :pos, :k, :s, :g, :c, :v, :cause, "
                    + ":sentence, :e, :fix, :at, :kl, :nl)").param("r", id).param("pos", position++).param("k", r.kind().name())
                    .param("s", clip(r.subject(), 500)).param("g", clip(r.group(), 500)).param("c", r.check()).param("v", r.verdict().name())
                    .param("cause", r.cause()).param("sentence", clip(r.sentence(), 2000)).param("e", clip(r.evidence(), 4000))
                    .param("fix", clip(r.fix(), 1000)).param("at", time(r.readAt())).param("kl", r.kerberosLogons())
                    .param("nl", r.ntlmLogons()).update();
        }
        return new HealthRound(id, started, finished, trigger, node, planVersion, note, (int) ok, (int) warn, (int) fail);
    }

    Optional<HealthRound> latest() {
        return jdbc.sql(ROUND + " ORDER BY id DESC FETCH FIRST 1 ROWS ONLY").query(HealthStore::round).optional();
    }

    Optional<HealthRound> find(long id) {
        return jdbc.sql(ROUND + " WHERE id = :id").param("id", id).query(HealthStore::round).optional();
    }

    Optional<HealthRound> before(long id) {
        return jdbc.sql(ROUND + " WHERE id < :id ORDER BY id DESC FETCH FIRST 1 ROWS ONLY").param("id", id).query(HealthStore::round)
                .optional();
    }

    List<HealthRound> recent(int count) {
        return jdbc.sql(ROUND + " ORDER BY id DESC FETCH FIRST " + count + " ROWS ONLY").query(HealthStore::round).list();
    }

    List<CheckResult> results(long roundId) {
        return jdbc.sql("SELECT subject_kind, subject, subject_group, check_key, verdict, cause, sentence, evidence, fix, read_at, "
                + "kerberos_logons, ntlm_logons FROM health_result WHERE round_id = :r ORDER BY position").param("r", roundId)
                .query((rs, n) -> new CheckResult(SubjectKind.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getString(4),
                        Verdict.valueOf(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        instant(rs, 10), (Long) rs.getObject(11, Long.class), (Long) rs.getObject(12, Long.class)))
                .list();
    }

    /**
     * When this check's current verdict began: the start of the earliest round in the unbroken run of
     * rounds (up to this one) that gave it the same verdict.
     */
    Instant since(CheckResult result, long roundId) {
        List<Object[]> rows = jdbc.sql("SELECT h.verdict, r.started_at FROM health_result h JOIN health_round r ON r.id = h.round_id "
                + "WHERE h.subject_kind = :k AND h.subject = :s AND h.check_key = :c AND h.round_id <= :r ORDER BY h.round_id DESC "
                + "FETCH FIRST 500 ROWS ONLY").param("k", result.kind().name()).param("s", result.subject()).param("c", result.check())
                .param("r", roundId).query((rs, n) -> new Object[] { rs.getString(1), instant(rs, 2) }).list();
        Instant since = null;
        for (Object[] row : rows) {
            if (!result.verdict().name().equals(row[0])) {
                break;
            }
            since = (Instant) row[1];
        }
        return since;
    }

    /** The Kerberos and NTLM logon counts of one member over its last rounds, oldest first. */
    List<LogonPoint> logonTrend(String member, int rounds) {
        List<LogonPoint> points = jdbc.sql("SELECT r.started_at, h.kerberos_logons, h.ntlm_logons FROM health_result h "
                + "JOIN health_round r ON r.id = h.round_id WHERE h.subject_kind = 'MEMBER' AND h.subject = :m AND h.check_key = 'logons' "
                + "AND h.kerberos_logons IS NOT NULL ORDER BY h.round_id DESC FETCH FIRST " + rounds + " ROWS ONLY").param("m", member)
                .query((rs, n) -> new LogonPoint(instant(rs, 1), rs.getLong(2), rs.getLong(3))).list();
        List<LogonPoint> oldestFirst = new java.util.ArrayList<>(points);
        java.util.Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    private static final String ROUND = "SELECT id, started_at, finished_at, trigger_kind, node, plan_version, note, ok_count, warn_count, "
            + "fail_count FROM health_round";

    private static HealthRound round(ResultSet rs, int n) throws SQLException {
        return new HealthRound(rs.getLong(1), instant(rs, 2), instant(rs, 3), HealthRound.Trigger.valueOf(rs.getString(4)), rs.getString(5),
                (Integer) rs.getObject(6, Integer.class), rs.getString(7), rs.getInt(8), rs.getInt(9), rs.getInt(10));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime time(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
