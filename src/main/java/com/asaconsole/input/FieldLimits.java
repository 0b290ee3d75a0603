package com.asaconsole.input;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.relational.core.mapping.RelationalMappingContext;
import org.springframework.data.relational.core.mapping.RelationalPersistentEntity;
import org.springframework.data.relational.core.mapping.RelationalPersistentProperty;
import org.springframework.stereotype.Component;

/**
 * How long each stored text may be, read from the database's own column definitions (the
 * migrations are the one source), and which characters no column takes: NUL (PostgreSQL refuses
 * it), other control characters except tab and line breaks, and lone surrogates. Every form, API
 * body and import is checked against it before anything is written, so a value that does not fit
 * is a sentence for its field, never a database error (whose text would carry the value into a log).
 */
@Component
public class FieldLimits {

    /** One field's problem; {@code field} as the form or entity names it. Never carries the value. */
    public record Violation(String field, String message) {
    }

    private final DataSource dataSource;
    private final RelationalMappingContext mapping;
    private volatile Map<String, Integer> lengths;

    FieldLimits(DataSource dataSource, RelationalMappingContext mapping) {
        this.dataSource = dataSource;
        this.mapping = mapping;
    }

    /** The most characters {@code table.column} holds, or {@link Integer#MAX_VALUE} when it is unbounded or not text. */
    public int max(String table, String column) {
        Integer max = lengths().get(key(table, column));
        return max == null ? Integer.MAX_VALUE : max;
    }

    /** Why {@code value} can't be stored in {@code table.column}, or empty when it can (null always can). */
    public Optional<String> problem(String table, String column, String value) {
        return problem(value, max(table, column));
    }

    /** Why {@code value} can't be stored in a text of at most {@code max} characters, or empty when it can. */
    public static Optional<String> problem(String value, int max) {
        if (value == null) {
            return Optional.empty();
        }
        int count = 0;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                return Optional.of("Remove the broken character at position " + (count + 1) + " (half of a UTF-16 pair).");
            }
            if (cp == 0 || Character.getType(cp) == Character.CONTROL && cp != '\t' && cp != '\n' && cp != '\r') {
                return Optional.of(String.format(Locale.ROOT, "Remove the control character U+%04X at position %d.", cp, count + 1));
            }
            i += Character.charCount(cp);
            count++;
            if (count > max) {
                break;
            }
        }
        if (count > max) {
            return Optional.of("At most " + max + " characters (this has " + value.codePointCount(0, value.length()) + ").");
        }
        return Optional.empty();
    }

    /** {@link #problem} as a {@link Violation} of {@code field}, added to {@code into}. */
    public void check(List<Violation> into, String field, String table, String column, String value) {
        problem(table, column, value).ifPresent(p -> into.add(new Violation(field, p)));
    }

    /**
     * Every text property of a stored entity (Spring Data JDBC) that its column can't hold, by
     * property name: the names the forms use too.
     */
    public List<Violation> violations(Object entity) {
        List<Violation> violations = new ArrayList<>();
        RelationalPersistentEntity<?> persistent = mapping.getPersistentEntity(entity.getClass());
        if (persistent == null) {
            return violations;
        }
        String table = persistent.getTableName().getReference();
        var accessor = persistent.getPropertyAccessor(entity);
        for (RelationalPersistentProperty property : persistent) {
            if (property.getType() == String.class) {
                Object value = accessor.getProperty(property);
                problem(table, property.getColumnName().getReference(), (String) value)
                        .ifPresent(p -> violations.add(new Violation(property.getName(), p)));
            }
        }
        return violations;
    }

    private Map<String, Integer> lengths() {
        Map<String, Integer> known = lengths;
        if (known == null) {
            known = read();
            lengths = known;
        }
        return known;
    }

    /** Read once, after Flyway has run (the first form is submitted long after start). */
    private Map<String, Integer> read() {
        Map<String, Integer> read = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            try (ResultSet rs = meta.getColumns(c.getCatalog(), c.getSchema(), "%", "%")) {
                while (rs.next()) {
                    int size = rs.getInt("COLUMN_SIZE");
                    String type = rs.getString("TYPE_NAME").toUpperCase(Locale.ROOT);
                    boolean text = type.contains("CHAR") || type.contains("TEXT");
                    if (text && size > 0 && size < Integer.MAX_VALUE) {
                        read.put(key(rs.getString("TABLE_NAME"), rs.getString("COLUMN_NAME")), size);
                    }
                }
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("cannot read the column definitions", e);
        }
        return Map.copyOf(read);
    }

    private static String key(String table, String column) {
        return table.toLowerCase(Locale.ROOT) + "." + column.toLowerCase(Locale.ROOT);
    }
}
