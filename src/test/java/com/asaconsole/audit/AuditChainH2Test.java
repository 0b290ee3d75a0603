package com.asaconsole.audit;

import java.util.List;

import com.asaconsole.ConsoleTest;

/** The audit chain on the embedded database (H2's Java trigger). */
@ConsoleTest
class AuditChainH2Test extends AuditChainContract {

    @Override
    List<String> unprotect() {
        return List.of("DROP TRIGGER audit_record_append_only", "DROP TRIGGER audit_checkpoint_append_only",
                "SET REFERENTIAL_INTEGRITY FALSE");
    }

    @Override
    List<String> protect() {
        return List.of("SET REFERENTIAL_INTEGRITY TRUE",
                "CREATE TRIGGER audit_record_append_only BEFORE UPDATE, DELETE ON audit_record FOR EACH ROW CALL '"
                        + AppendOnlyTrigger.class.getName() + "'",
                "CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE, DELETE ON audit_checkpoint FOR EACH ROW CALL '"
                        + AppendOnlyTrigger.class.getName() + "'");
    }

    @Override
    String dropRecordTrigger() {
        return "DROP TRIGGER audit_record_append_only";
    }

    @Override
    String restoreRecordTrigger() {
        return "CREATE TRIGGER audit_record_append_only BEFORE UPDATE, DELETE ON audit_record FOR EACH ROW CALL '"
                + AppendOnlyTrigger.class.getName() + "'";
    }

    @Override
    boolean serverWritesCsv() {
        return false;
    }
}
