-- PostgreSQL only (db/vendor/postgresql): compress the stored OSV JSON with LZ4 instead of
-- the default pglz. LZ4 compresses several times faster for a slightly larger row, and the
-- JSON is most of what a first import writes (issue 5, BENCHMARKS.md). Servers before 14 or
-- built without LZ4 keep pglz; only values written afterwards are affected.
DO $$
BEGIN
  IF current_setting('server_version_num')::int >= 140000 THEN
    BEGIN
      EXECUTE 'ALTER TABLE knowledge_advisory ALTER COLUMN json SET COMPRESSION lz4';
    EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
      RAISE NOTICE 'LZ4 not available, the advisory JSON stays pglz-compressed';
    END;
  END IF;
END
$$;
