package com.asaconsole.audit;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The CSV export on PostgreSQL: the server writes the CSV itself ({@code COPY (SELECT …) TO STDOUT})
 * and the console copies the bytes to the response, as {@code psql \copy} does. COPY takes no bind
 * parameters, so the filter values travel as transaction-local settings ({@code set_config}, which
 * does) and the query reads them with {@code current_setting}: nothing typed is spliced into SQL.
 * The output is byte for byte what {@link AuditExport#csvThroughJdbc} writes.
 */
@Component
class PostgresCopy {

    static final String OCCURRED_AT = "occurred_at";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private volatile Boolean available;

    PostgresCopy(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    boolean available() {
        Boolean known = available;
        if (known == null) {
            known = jdbc.execute((ConnectionCallback<Boolean>) con -> con.isWrapperFor(PGConnection.class));
            available = known;
        }
        return known;
    }

    void csv(AuditFilter f, OutputStream out) throws IOException {
        try {
            readOnly.executeWithoutResult(status -> jdbc.execute((ConnectionCallback<Void>) con -> {
                // timestamptz in PostgreSQL's own ISO text, in UTC: cheaper than to_char, and AuditExport.TIME writes the same
                try (PreparedStatement ps = con.prepareStatement("SELECT set_config('TimeZone', 'UTC', true), set_config('DateStyle', 'ISO, MDY', true)")) {
                    ps.execute();
                }
                StringBuilder where = new StringBuilder(" WHERE 1 = 1");
                // the same conditions as AuditSearch's, so the export holds exactly what the page listed
                if (f.actor() != null) {
                    String actor = setting(con, "actor", f.actorPattern());
                    where.append(" AND (LOWER(actor_id) LIKE ").append(actor).append(" ESCAPE '\\' OR LOWER(actor_name) LIKE ")
                            .append(actor).append(" ESCAPE '\\')");
                }
                if (f.action() != null) {
                    where.append(f.actionGroup() ? " AND action LIKE " : " AND action = ").append(setting(con, "action", f.actionValue()))
                            .append(f.actionGroup() ? " ESCAPE '\\'" : "");
                }
                if (f.target() != null) {
                    where.append(" AND LOWER(target) LIKE ").append(setting(con, "target", f.targetPattern())).append(" ESCAPE '\\'");
                }
                if (f.change() != null) {
                    where.append(" AND (correlation = ").append(setting(con, "change", f.changeKey())).append(" OR target = ")
                            .append(setting(con, "change", f.changeKey())).append(')');
                }
                if (f.fromInstant() != null) {
                    where.append(" AND occurred_at >= ").append(setting(con, "from", f.fromInstant().toString())).append("::timestamptz");
                }
                if (f.toInstant() != null) {
                    where.append(" AND occurred_at < ").append(setting(con, "to", f.toInstant().toString())).append("::timestamptz");
                }
                String sql = "COPY (SELECT seq, " + OCCURRED_AT + " AS occurred_at, " + defused("actor_id") + ", " + defused("actor_name")
                        + ", " + defused("source_address") + ", " + defused("action") + ", " + defused("target") + ", outcome, "
                        + defused("correlation") + ", " + defused("details") + ", prev_hash, hash"
                        + " FROM audit_record" + where + " ORDER BY seq) TO STDOUT (FORMAT csv, HEADER)";
                try {
                    // the server sends one message per row: buffer, so Tomcat sees 64 KB writes, not a million small ones
                    BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
                    con.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, buffered);
                    buffered.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return null;
            }));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The column as {@link com.asaconsole.formats.CsvCell#defused} writes it: a leading apostrophe before a formula character or an apostrophe. */
    private static String defused(String column) {
        return "CASE WHEN left(" + column + ", 1) IN ('=', '+', '-', '@', E'\\t', E'\\r', '''') THEN '''' || " + column + " ELSE "
                + column + " END AS " + column;
    }

    /** Stores the value as a transaction-local setting and returns the expression that reads it. */
    private static String setting(Connection con, String name, String value) throws SQLException {
        String key = "asa_audit_filter." + name;
        try (PreparedStatement ps = con.prepareStatement("SELECT set_config(?, ?, true)")) {
            ps.setString(1, key);
            ps.setString(2, value);
            ps.execute();
        }
        return "current_setting('" + key + "')";
    }
}
