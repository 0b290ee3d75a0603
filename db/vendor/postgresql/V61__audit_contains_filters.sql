-- The audit filters match any part of the actor and the target, in any case (issue 14). Without help each such
-- filter reads the trail newest first until it has a page, which for a rare value is the whole trail. Trigram
-- indexes over the lower-cased columns let PostgreSQL find the matching records directly. pg_trgm ships with
-- PostgreSQL and is a trusted extension; where the console's user may not create it, the filters still work,
-- only slower on a large trail, and the log of the migration says so.
DO $$
BEGIN
    BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
    EXCEPTION WHEN insufficient_privilege OR undefined_file OR feature_not_supported THEN
        RAISE NOTICE 'pg_trgm is not available (%): the audit trail''s contains-filters read the trail without an index', SQLERRM;
    END;
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        CREATE INDEX IF NOT EXISTS audit_record_target_trgm ON audit_record USING gin (lower(target) gin_trgm_ops);
        CREATE INDEX IF NOT EXISTS audit_record_actor_id_trgm ON audit_record USING gin (lower(actor_id) gin_trgm_ops);
        CREATE INDEX IF NOT EXISTS audit_record_actor_name_trgm ON audit_record USING gin (lower(actor_name) gin_trgm_ops);
    END IF;
END
$$;
