package com.asaconsole.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/** Reads audit records back, the same way for the views, the exports and the verifier. */
final class AuditRows {

    static final String COLUMNS = "seq, occurred_at, actor_id, actor_name, source_address, action, target, outcome, "
            + "correlation, details, prev_hash, hash";

    private AuditRows() {
    }

    static AuditRecord map(ResultSet rs) throws SQLException {
        return new AuditRecord(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), Outcome.valueOf(rs.getString(8)),
                rs.getString(9), rs.getString(10), trim(rs.getString(11)), trim(rs.getString(12)));
    }

    private static String trim(String fixed) {
        return fixed == null ? null : fixed.trim();
    }
}
