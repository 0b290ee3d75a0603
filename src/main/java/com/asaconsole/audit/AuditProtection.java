package com.asaconsole.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether the database still refuses changes to the audit tables: the append-only triggers V21
 * made exist, are enabled and call the refusing function. Someone with owner rights can drop or
 * disable them and change records unseen by the database; the seals still name what they changed,
 * but the trail is no longer protected, and this says so (verifier, start-up, readiness).
 */
@Component
class AuditProtection {

    /** Trigger name → the table it guards and what it must refuse. */
    private static final Map<String, String> POSTGRES = Map.of(
            "audit_record_append_only", "audit_record", "audit_record_no_truncate", "audit_record",
            "audit_checkpoint_append_only", "audit_checkpoint", "audit_checkpoint_no_truncate", "audit_checkpoint");
    private static final Map<String, String> H2 = Map.of(
            "AUDIT_RECORD_APPEND_ONLY", "AUDIT_RECORD", "AUDIT_CHECKPOINT_APPEND_ONLY", "AUDIT_CHECKPOINT");

    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.JdbcTemplate template;
    private volatile Boolean postgres;

    AuditProtection(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** What is missing or switched off; empty when the database protects the trail as it should. */
    List<String> problems() {
        return postgres() ? postgresProblems() : h2Problems();
    }

    /** Weaknesses of the set-up that are not tampering (e.g. the console's login owns the tables). */
    List<String> warnings() {
        if (!postgres()) {
            return List.of();
        }
        List<String> warnings = new ArrayList<>();
        Boolean superuser = jdbc.sql("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").query(Boolean.class).optional()
                .orElse(false);
        String owner = jdbc.sql("SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'audit_record' "
                + "AND relnamespace = current_schema()::regnamespace").query(String.class).optional().orElse(null);
        String me = jdbc.sql("SELECT current_user").query(String.class).single();
        if (Boolean.TRUE.equals(superuser)) {
            warnings.add("The console signs in to PostgreSQL as a superuser (" + me + "), which can drop or disable the audit "
                    + "trail's triggers. Give it its own role without ownership of the tables (docs/operations.md, \"Database roles\").");
        } else if (me.equals(owner)) {
            warnings.add("The console's database login (" + me + ") owns the audit tables, so it could drop or disable their "
                    + "triggers. Run the migrations as the owner and the console as a role without ownership (docs/operations.md, "
                    + "\"Database roles\").");
        }
        return warnings;
    }

    private List<String> postgresProblems() {
        List<String> problems = new ArrayList<>();
        Map<String, String> found = new java.util.HashMap<>();
        jdbc.sql("""
                SELECT t.tgname, c.relname, t.tgenabled, p.proname, p.prosrc FROM pg_trigger t
                JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
                WHERE NOT t.tgisinternal AND c.relname IN ('audit_record', 'audit_checkpoint')
                AND c.relnamespace = current_schema()::regnamespace""")
                .query(rs -> {
                    String name = rs.getString(1);
                    String table = rs.getString(2);
                    String enabled = rs.getString(3);
                    found.put(name, table);
                    if (!POSTGRES.containsKey(name)) {
                        return;
                    }
                    if ("D".equals(enabled)) {
                        problems.add("The append-only trigger " + name + " on " + table + " is disabled: the database accepts changes "
                                + "to the trail.");
                    } else if ("R".equals(enabled)) {
                        problems.add("The append-only trigger " + name + " on " + table + " fires only for replication: the database "
                                + "accepts changes to the trail.");
                    }
                    String source = rs.getString(5) == null ? "" : rs.getString(5).toUpperCase(Locale.ROOT);
                    if (!"audit_refuse_change".equals(rs.getString(4)) || !source.contains("RAISE EXCEPTION")) {
                        problems.add("The append-only trigger " + name + " on " + table + " no longer calls a function that refuses "
                                + "the change (" + rs.getString(4) + ").");
                    }
                });
        for (Map.Entry<String, String> wanted : new java.util.TreeMap<>(POSTGRES).entrySet()) {
            if (!found.containsKey(wanted.getKey())) {
                problems.add("The append-only trigger " + wanted.getKey() + " on " + wanted.getValue() + " is missing: the database "
                        + "accepts changes to the trail.");
            }
        }
        return problems;
    }

    private List<String> h2Problems() {
        List<String> problems = new ArrayList<>();
        Map<String, Set<String>> events = new java.util.HashMap<>();
        Map<String, String> classes = new java.util.HashMap<>();
        jdbc.sql("SELECT TRIGGER_NAME, EVENT_MANIPULATION, EVENT_OBJECT_TABLE, JAVA_CLASS FROM INFORMATION_SCHEMA.TRIGGERS "
                + "WHERE EVENT_OBJECT_TABLE IN ('AUDIT_RECORD', 'AUDIT_CHECKPOINT')")
                .query(rs -> {
                    events.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(rs.getString(2));
                    classes.put(rs.getString(1), rs.getString(4));
                });
        for (Map.Entry<String, String> wanted : new java.util.TreeMap<>(H2).entrySet()) {
            String name = wanted.getKey();
            Set<String> on = events.getOrDefault(name, Set.of());
            if (on.isEmpty()) {
                problems.add("The append-only trigger " + name.toLowerCase(Locale.ROOT) + " on " + wanted.getValue().toLowerCase(Locale.ROOT)
                        + " is missing: the database accepts changes to the trail.");
            } else if (!on.containsAll(Set.of("UPDATE", "DELETE")) || !AppendOnlyTrigger.class.getName().equals(classes.get(name))) {
                problems.add("The append-only trigger " + name.toLowerCase(Locale.ROOT) + " was replaced: it fires on " + on + " and calls "
                        + classes.get(name) + ".");
            }
        }
        return problems;
    }

    private boolean postgres() {
        Boolean known = postgres;
        if (known == null) {
            known = template.execute((ConnectionCallback<Boolean>) c -> c.getMetaData().getDatabaseProductName()
                    .toLowerCase(Locale.ROOT).contains("postgres"));
            postgres = known;
        }
        return known;
    }
}
