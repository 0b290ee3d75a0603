package com.asaconsole.rotation;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The rolls created under each policy (table rotation_roll): the change and its job. */
@Repository
class Rolls {

    record Roll(long id, long policyId, long changeId, Long jobId, Instant createdAt) {
    }

    private final JdbcClient jdbc;

    Rolls(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(long policyId, long changeId, Long jobId, Instant at) {
        jdbc.sql("INSERT INTO rotation_roll (policy_id, change_id, job_id, created_at) VALUES (:p, :c, :j, :at)").param("p", policyId)
                .param("c", changeId).param("j", jobId).param("at", at.atOffset(ZoneOffset.UTC)).update();
    }

    Optional<Roll> latest(long policyId) {
        return jdbc.sql(SELECT + " WHERE policy_id = :p ORDER BY id DESC FETCH FIRST 1 ROWS ONLY").param("p", policyId).query(Rolls::row)
                .optional();
    }

    Optional<Roll> ofJob(long jobId) {
        return jdbc.sql(SELECT + " WHERE job_id = :j").param("j", jobId).query(Rolls::row).optional();
    }

    long count(long policyId) {
        return jdbc.sql("SELECT COUNT(*) FROM rotation_roll WHERE policy_id = :p").param("p", policyId).query(Long.class).single();
    }

    private static final String SELECT = "SELECT id, policy_id, change_id, job_id, created_at FROM rotation_roll";

    private static Roll row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Roll(rs.getLong(1), rs.getLong(2), rs.getLong(3), (Long) rs.getObject(4, Long.class),
                rs.getObject(5, java.time.OffsetDateTime.class).toInstant());
    }
}
