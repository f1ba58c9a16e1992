-- Inserts are recorded once per statement instead of once per row. The row trigger ran a
-- PL/pgSQL call, a to_jsonb of the whole row and a one-row INSERT for every new row: for an
-- EHR import (about a hundred rows a patient, inserted a section at a time) that was half of
-- the database's CPU. A statement trigger sees the statement's new rows as a transition table
-- and writes their audit_row_changes rows in one INSERT … SELECT. The rows written are the same
-- as before: one per new row, the same key text, the same sorted column names, the same actor.
-- Updates and deletes keep the row trigger (audit_row_change), which compares old and new.
CREATE OR REPLACE FUNCTION audit_record_row_inserts() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  changed text[];
  row_key text;
BEGIN
  -- For an INSERT the row trigger listed every column (to_jsonb's keys, sorted): the same for
  -- every row of the table, so it is computed from one of them.
  SELECT ARRAY(SELECT jsonb_object_keys(to_jsonb(n)) ORDER BY 1) INTO changed
    FROM audit_new_rows AS n LIMIT 1;
  IF changed IS NULL THEN
    RETURN NULL;
  END IF;
  -- The key as the row trigger wrote it: each key column's JSON text, joined with ':'.
  SELECT format('nullif(concat_ws(%L, %s), %L)', ':',
                string_agg(format('to_jsonb(n.%I) #>> %L', key_column, '{}'), ', '), '')
    INTO row_key
    FROM unnest(TG_ARGV) AS key_column;
  -- Column names only: values may be health information or secrets and never belong here.
  EXECUTE format(
    'INSERT INTO audit_row_changes (table_name, row_id, operation, changed_columns, actor_id, actor_kind, request_id)
     SELECT $1, %s, ''INSERT'', $2, $3, $4, $5 FROM audit_new_rows AS n',
    row_key
  ) USING
    TG_TABLE_NAME,
    changed,
    nullif(current_setting('app.actor_id', true), ''),
    nullif(current_setting('app.actor_kind', true), ''),
    nullif(current_setting('app.request_id', true), '');
  RETURN NULL;
END;
$$;
--> statement-breakpoint

-- Every new table calls this in its migration; tests/integration/audit-coverage.test.ts fails
-- for a table without both triggers.
CREATE OR REPLACE FUNCTION audit_attach(target regclass, VARIADIC key_columns text[] DEFAULT ARRAY['id']) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  args text := (SELECT string_agg(quote_literal(c), ', ') FROM unnest(key_columns) AS c);
BEGIN
  EXECUTE format(
    'CREATE TRIGGER audit_row_change AFTER UPDATE OR DELETE ON %s FOR EACH ROW EXECUTE FUNCTION audit_record_row_change(%s)',
    target, args
  );
  EXECUTE format(
    'CREATE TRIGGER audit_row_insert AFTER INSERT ON %s REFERENCING NEW TABLE AS audit_new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_record_row_inserts(%s)',
    target, args
  );
END;
$$;
--> statement-breakpoint

-- Every table attached so far gets the same pair, with the key columns it was attached with.
DO $$
DECLARE
  attached record;
BEGIN
  FOR attached IN
    SELECT t.tgrelid::regclass AS target,
           (string_to_array(encode(t.tgargs, 'escape'), '\000'))[1:t.tgnargs] AS key_columns
      FROM pg_trigger t
     WHERE t.tgname = 'audit_row_change' AND NOT t.tgisinternal
  LOOP
    EXECUTE format('DROP TRIGGER audit_row_change ON %s', attached.target);
    PERFORM audit_attach(attached.target, VARIADIC attached.key_columns);
  END LOOP;
END;
$$;
