-- H2 refuses UPDATE and DELETE on the audit tables through a Java trigger (the PostgreSQL twin is
-- in db/vendor/postgresql). TRUNCATE is refused by H2 itself: audit_checkpoint references audit_record.
CREATE TRIGGER audit_record_append_only BEFORE UPDATE, DELETE ON audit_record
    FOR EACH ROW CALL 'com.asaconsole.audit.AppendOnlyTrigger';
CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE, DELETE ON audit_checkpoint
    FOR EACH ROW CALL 'com.asaconsole.audit.AppendOnlyTrigger';
