-- Row-level audit: every INSERT, UPDATE and DELETE on a business table is recorded by the
-- database itself, with the actor the application put in transaction-local settings
-- (app.actor_id, app.actor_kind, app.request_id; see lib/action.ts). A change made outside the
-- application (psql, a migration) is still recorded, with a null actor.
CREATE OR REPLACE FUNCTION audit_record_row_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  old_row jsonb;
  new_row jsonb;
  changed text[];
  row_key text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    new_row := to_jsonb(NEW);
    changed := ARRAY(SELECT jsonb_object_keys(new_row) ORDER BY 1);
  ELSIF TG_OP = 'DELETE' THEN
    old_row := to_jsonb(OLD);
    changed := ARRAY(SELECT jsonb_object_keys(old_row) ORDER BY 1);
  ELSE
    old_row := to_jsonb(OLD);
    new_row := to_jsonb(NEW);
    changed := ARRAY(
      SELECT n.key FROM jsonb_each(new_row) AS n
      WHERE n.value IS DISTINCT FROM old_row -> n.key
      ORDER BY 1
    );
    IF cardinality(changed) = 0 THEN
      RETURN NULL;
    END IF;
  END IF;

  SELECT string_agg(coalesce(new_row, old_row) ->> key_column, ':')
    INTO row_key
    FROM unnest(TG_ARGV) AS key_column;

  -- Column names only: values may be health information or secrets and never belong here.
  INSERT INTO audit_row_changes (table_name, row_id, operation, changed_columns, actor_id, actor_kind, request_id)
  VALUES (
    TG_TABLE_NAME,
    row_key,
    TG_OP,
    changed,
    nullif(current_setting('app.actor_id', true), ''),
    nullif(current_setting('app.actor_kind', true), ''),
    nullif(current_setting('app.request_id', true), '')
  );
  RETURN NULL;
END;
$$;
--> statement-breakpoint

-- Every new table calls this in its migration; tests/integration/audit-coverage.test.ts fails
-- for a table that does not.
CREATE OR REPLACE FUNCTION audit_attach(target regclass, VARIADIC key_columns text[] DEFAULT ARRAY['id']) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format(
    'CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON %s FOR EACH ROW EXECUTE FUNCTION audit_record_row_change(%s)',
    target,
    (SELECT string_agg(quote_literal(c), ', ') FROM unnest(key_columns) AS c)
  );
END;
$$;
--> statement-breakpoint

-- The audit trail is append-only. Statement-level triggers fire even when no row matches,
-- so an attempt is refused whether or not it would have changed anything.
CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_row_changes_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_row_changes
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint

CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER users_set_updated_at BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER children_set_updated_at BEFORE UPDATE ON children FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint

SELECT audit_attach('users');
--> statement-breakpoint
SELECT audit_attach('staff_role_assignments', 'user_id', 'role');
--> statement-breakpoint
SELECT audit_attach('sessions');
--> statement-breakpoint
SELECT audit_attach('email_verifications');
--> statement-breakpoint
SELECT audit_attach('children');
--> statement-breakpoint
SELECT audit_attach('guardianships');
--> statement-breakpoint
SELECT audit_attach('mail_outbox');
--> statement-breakpoint
SELECT audit_attach('rate_limit_counters', 'bucket', 'window_start');
