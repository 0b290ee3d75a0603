package com.asaconsole.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Migration V72 (after the released V60 and the lab mode's V70/V71, so an existing database takes it in order): every audit record carries a seal
 * (HMAC with the audit key, {@link AuditKey}), so
 * that a record rewritten together with its hash and the links after it is still named by the
 * verifier. Records written before this version are sealed here, once, with the append-only
 * triggers switched off for the moment by the migration's owner (as V21 made them); afterwards
 * every record is sealed when it is written, and a missing seal is a finding. A Java migration
 * because the key is not in the database; Flyway runs it as a Spring bean.
 */
@Component
class SealAuditRecords implements JavaMigration {

    private final AuditKey key;

    SealAuditRecords(AuditKey key) {
        this.key = key;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("72");
    }

    @Override
    public String getDescription() {
        return "audit seals";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE audit_record ADD COLUMN seal CHAR(64)");
            boolean any;
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM audit_record")) {
                any = rs.next() && rs.getLong(1) > 0;
            }
            if (!any) {
                return;
            }
            s.execute(postgres ? "ALTER TABLE audit_record DISABLE TRIGGER audit_record_append_only" : "DROP TRIGGER audit_record_append_only");
            // a thousand at a time by keyset: a trail of millions is sealed in constant memory
            try (PreparedStatement read = c.prepareStatement("SELECT seq, hash FROM audit_record WHERE seq > ? ORDER BY seq LIMIT 1000");
                    PreparedStatement update = c.prepareStatement("UPDATE audit_record SET seal = ? WHERE seq = ?")) {
                long after = Long.MIN_VALUE;
                for (boolean more = true; more; ) {
                    more = false;
                    read.setLong(1, after);
                    try (ResultSet rs = read.executeQuery()) {
                        while (rs.next()) {
                            after = rs.getLong(1);
                            update.setString(1, key.seal(after, rs.getString(2).trim()));
                            update.setLong(2, after);
                            update.addBatch();
                            more = true;
                        }
                    }
                    update.executeBatch();
                }
            }
            s.execute(postgres ? "ALTER TABLE audit_record ENABLE TRIGGER audit_record_append_only"
                    : "CREATE TRIGGER audit_record_append_only BEFORE UPDATE, DELETE ON audit_record FOR EACH ROW CALL '"
                            + AppendOnlyTrigger.class.getName() + "'");
        }
    }
}
