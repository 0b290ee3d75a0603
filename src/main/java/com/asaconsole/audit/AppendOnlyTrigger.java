package com.asaconsole.audit;

import java.sql.Connection;
import java.sql.SQLException;

import org.h2.api.Trigger;

/**
 * H2's counterpart of the PostgreSQL trigger {@code audit_refuse_change}: refuses every UPDATE
 * and DELETE on the audit tables. Created by {@code db/vendor/h2/V21__audit_append_only.sql};
 * H2 instantiates it by name, so it is public.
 */
public class AppendOnlyTrigger implements Trigger {

    private String table = "audit table";

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before, int type) {
        this.table = tableName;
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        String operation = newRow == null ? "DELETE" : "UPDATE";
        throw new SQLException("the audit trail is append-only: " + operation + " on " + table + " refused", "42501");
    }
}
