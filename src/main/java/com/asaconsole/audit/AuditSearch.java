package com.asaconsole.audit;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the trail: one page at a time by keyset (newest first, "older than record N", never
 * OFFSET), or everything that matches as a forward-only stream for the exports.
 */
@Component
class AuditSearch {

    private final JdbcTemplate jdbc;
    private final AuditProperties properties;
    private final TransactionTemplate readOnly;

    AuditSearch(JdbcTemplate jdbc, AuditProperties properties, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /**
     * A page of records, newest first. {@code olderThan} is the keyset for the next page, or null at the end.
     * {@code searchedDownTo} is set when an actor or target search read only a window of the trail: the lowest record
     * number it read (the page may hold fewer records than a full page, or none; "Older" goes on below it).
     */
    record Page(List<AuditRecord> records, Long olderThan, Long searchedDownTo) {
        Page(List<AuditRecord> records, Long olderThan) {
            this(records, olderThan, null);
        }
    }

    Page page(AuditFilter filter) {
        int size = properties.pageSize();
        Query q = where(filter, true);
        Long floor = null;
        if (filter.actor() != null || filter.target() != null) {
            // a part of a name, in any case: no index serves it, so one page reads a bounded window of the trail
            // (newest first) instead of, for a rare value, all of it (docs/performance.md)
            long top = filter.before() != null ? filter.before() : headSeq() + 1;
            floor = Math.max(1, top - properties.searchWindow());
            q.and("seq >= ?", floor);
        }
        q.sql.append(" ORDER BY seq DESC LIMIT ").append(size + 1);
        List<AuditRecord> rows = jdbc.query(q.sql.toString(), (rs, n) -> AuditRows.map(rs), q.args.toArray());
        if (rows.size() > size) {
            List<AuditRecord> shown = rows.subList(0, size);
            return new Page(List.copyOf(shown), shown.get(size - 1).seq());
        }
        if (floor != null && floor > 1) {
            return new Page(rows, floor, floor);
        }
        return new Page(rows, null);
    }

    private long headSeq() {
        Long head = jdbc.queryForObject("SELECT last_seq FROM audit_chain_head WHERE id = 1", Long.class);
        return head == null ? 0 : head;
    }

    /** Every matching record, oldest first, one at a time: memory stays flat however long the trail. */
    void stream(AuditFilter filter, RecordSink sink) {
        Query q = where(filter.withoutKeyset(), false);
        q.sql.append(" ORDER BY seq");
        readOnly.executeWithoutResult(status -> jdbc.query(con -> {
            PreparedStatement ps = con.prepareStatement(q.sql.toString(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            ps.setFetchSize(properties.fetchSize());
            for (int i = 0; i < q.args.size(); i++) {
                ps.setObject(i + 1, q.args.get(i));
            }
            return ps;
        }, (RowCallbackHandler) rs -> sink.accept(AuditRows.map(rs))));
    }

    @FunctionalInterface
    interface RecordSink {
        void accept(AuditRecord record) throws SQLException;
    }

    private static Query where(AuditFilter f, boolean keyset) {
        Query q = new Query();
        q.sql.append("SELECT ").append(AuditRows.COLUMNS).append(" FROM audit_record WHERE 1 = 1");
        if (f.actor() != null) {
            q.and("(LOWER(actor_id) LIKE ? ESCAPE '\\' OR LOWER(actor_name) LIKE ? ESCAPE '\\')", f.actorPattern(), f.actorPattern());
        }
        if (f.action() != null) {
            q.and(f.actionGroup() ? "action LIKE ? ESCAPE '\\'" : "action = ?", f.actionValue());
        }
        if (f.target() != null) {
            q.and("LOWER(target) LIKE ? ESCAPE '\\'", f.targetPattern());
        }
        if (f.change() != null) {
            // exact, so both halves use an index, and change 1 never matches change 10 (the story page reads by it)
            q.and("(correlation = ? OR target = ?)", f.changeKey(), f.changeKey());
        }
        if (f.fromInstant() != null) {
            q.and("occurred_at >= ?", Timestamp.from(f.fromInstant()));
        }
        if (f.toInstant() != null) {
            q.and("occurred_at < ?", Timestamp.from(f.toInstant()));
        }
        if (keyset && f.before() != null) {
            q.and("seq < ?", f.before());
        }
        return q;
    }

    private static final class Query {
        final StringBuilder sql = new StringBuilder();
        final List<Object> args = new ArrayList<>();

        void and(String condition, Object... values) {
            sql.append(" AND ").append(condition);
            args.addAll(List.of(values));
        }
    }
}
