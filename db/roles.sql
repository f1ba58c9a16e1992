-- Production roles: the schema belongs to one role, and the application logs in as another
-- that may do what the portal does and nothing more. Whoever holds the app's password (a
-- leaked .env, a code-execution bug) can then add audit events but cannot edit or delete them,
-- cannot move the chain head, and cannot switch off the triggers that guard the trail (only a
-- table's owner can ALTER TABLE … DISABLE TRIGGER). The append-only triggers of
-- drizzle/0001 and 0009 stay as the second line of defence, for the owner and for any role
-- that was granted too much.
--
--   portal_owner  owns the database, its schemas, tables and functions; runs the migrations
--                 (DATABASE_URL=postgres://portal_owner:…@host/portal npm run db:migrate).
--                 The SECURITY DEFINER function audit_seal_chain (the chain's sealer,
--                 drizzle/0020) runs as this role, which is how events are sealed and the
--                 chain head moves although the app may only insert events and read the head.
--   portal_app    the running portal (its DATABASE_URL): SELECT/INSERT/UPDATE/DELETE on the
--                 business tables; SELECT and INSERT on the append-only audit tables; SELECT
--                 on audit_chain_head.
--
-- Run it as a superuser (or your cloud's administrator role), connected to the portal's
-- database, once before the first migration (so the owner exists) and again after every
-- `npm run db:migrate`; it is idempotent and runs in one transaction:
--
--   psql "postgres://postgres@db-host:5432/portal" -X \
--        -v owner_password="$PORTAL_OWNER_PASSWORD" -v app_password="$PORTAL_APP_PASSWORD" \
--        -f db/roles.sql
--
-- psql variables (-v name=value):
--   owner_role, app_role            role names (default portal_owner, portal_app)
--   owner_password, app_password    set the role's password when given, left alone otherwise.
--                                   Pass them from the environment or a secrets store; never
--                                   write them in this file. psql sends them to the server in
--                                   the ALTER ROLE statement, so if the server logs DDL
--                                   (log_statement), use psql's \password instead.
--
-- An existing installation migrated as some other role is taken over: the database and
-- everything in its public and drizzle schemas are handed to the owner role.

\set ON_ERROR_STOP on
\if :{?owner_role}
\else
  \set owner_role portal_owner
\endif
\if :{?app_role}
\else
  \set app_role portal_app
\endif

BEGIN;

-- psql does not substitute variables inside $$ … $$, so the DO blocks read the names from
-- transaction-local settings.
SET LOCAL portal.owner_role = :'owner_role';
SET LOCAL portal.app_role = :'app_role';

-- 1. The two roles, with no powers beyond logging in, whatever they were created with before.
DO $$
DECLARE
  owner_role text := current_setting('portal.owner_role');
  app_role text := current_setting('portal.app_role');
  role_name text;
BEGIN
  IF owner_role = app_role THEN
    RAISE EXCEPTION 'owner_role and app_role must be two different roles (both are %)', owner_role;
  END IF;
  FOREACH role_name IN ARRAY ARRAY[owner_role, app_role] LOOP
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = role_name AND rolsuper) THEN
      -- Stripping a superuser here could lock the operator out; choose roles made for the portal.
      RAISE EXCEPTION 'role % is a superuser: choose roles made for the portal', role_name;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = role_name) THEN
      EXECUTE format('CREATE ROLE %I LOGIN', role_name);
    END IF;
    EXECUTE format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS', role_name);
  END LOOP;
  -- A member of the owner could SET ROLE to it and undo everything below.
  IF pg_has_role(app_role, owner_role, 'MEMBER') THEN
    EXECUTE format('REVOKE %I FROM %I', owner_role, app_role);
    IF pg_has_role(app_role, owner_role, 'MEMBER') THEN
      RAISE EXCEPTION 'role % can become % through another role: revoke that membership first', app_role, owner_role;
    END IF;
  END IF;
END
$$;

\if :{?owner_password}
ALTER ROLE :"owner_role" PASSWORD :'owner_password';
\endif
\if :{?app_password}
ALTER ROLE :"app_role" PASSWORD :'app_password';
\endif

-- 2. The owner owns the database and everything the migrations made. The SECURITY DEFINER
-- sealer must belong to the role that owns audit_events and audit_chain_head, and later migrations
-- can only ALTER what their role owns.
DO $$
DECLARE
  owner_role text := current_setting('portal.owner_role');
  owner_oid oid := (SELECT oid FROM pg_roles WHERE rolname = current_setting('portal.owner_role'));
  item record;
BEGIN
  EXECUTE format('ALTER DATABASE %I OWNER TO %I', current_database(), owner_role);
  EXECUTE format('ALTER SCHEMA public OWNER TO %I', owner_role);
  IF EXISTS (SELECT FROM pg_namespace WHERE nspname = 'drizzle') THEN
    EXECUTE format('ALTER SCHEMA drizzle OWNER TO %I', owner_role);
  END IF;

  FOR item IN
    SELECT c.oid::regclass AS name,
           CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END AS kind
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname IN ('public', 'drizzle')
      AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
      AND c.relowner <> owner_oid
      -- A serial column's sequence follows its table; objects of an extension stay with it.
      AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i', 'e'))
  LOOP
    EXECUTE format('ALTER %s %s OWNER TO %I', item.kind, item.name, owner_role);
  END LOOP;

  FOR item IN
    SELECT p.oid::regprocedure AS name
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname IN ('public', 'drizzle') AND p.proowner <> owner_oid
      AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
  LOOP
    EXECUTE format('ALTER ROUTINE %s OWNER TO %I', item.name, owner_role);
  END LOOP;

  -- Enums and domains (drizzle's pgEnum); a table's own row type follows the table.
  FOR item IN
    SELECT t.oid::regtype AS name, CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END AS kind
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname IN ('public', 'drizzle') AND t.typtype IN ('e', 'd') AND t.typowner <> owner_oid
      AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
  LOOP
    EXECUTE format('ALTER %s %s OWNER TO %I', item.kind, item.name, owner_role);
  END LOOP;
END
$$;

-- 3. Who may connect and create. Other roles on the same server lose the default CONNECT:
-- grant it to a monitoring or backup role yourself. The app creates nothing, and has no
-- business in the drizzle schema (the migrations' own bookkeeping).
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database()) \gexec
SELECT format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), :'app_role') \gexec
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"app_role";

-- 4. Business tables: read and write rows, nothing else (no TRUNCATE, TRIGGER or REFERENCES).
-- Reset first, so a grant made by hand earlier does not survive a re-run.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM :"app_role";
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM :"app_role";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app_role";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"app_role";

-- Tables and sequences a later migration creates (as the owner) get the same grants at once,
-- so a deploy that adds a business table works before this file runs again.
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner_role" IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app_role";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner_role" IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO :"app_role";

-- 5. Audit tables: every table in public named audit_*. Default privileges cannot look at a
-- table's name, so a new audit table made by a later migration starts with the business
-- grants above; from that migration until this file runs again, only its append-only trigger
-- (which every audit table's migration must install, as drizzle/0001 does) stops the app from
-- changing it. Hence: name every audit table audit_* (tests/integration/db-roles.test.ts
-- fails for a table outside the row-change audit that is not), run this file after every
-- migration, and list in definer_written a table the app must not even INSERT into because a
-- SECURITY DEFINER function owned by the owner writes it. (An event trigger could revoke at
-- CREATE TABLE time and close that window, but creating one needs a real superuser, which
-- managed PostgreSQL services do not hand out.)
DO $$
DECLARE
  app_role text := current_setting('portal.app_role');
  definer_written text[] := ARRAY['audit_chain_head'];
  audit_table record;
  owned_sequence record;
  append boolean;
BEGIN
  FOR audit_table IN
    SELECT c.oid, c.oid::regclass AS name, c.relname
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname LIKE 'audit\_%'
  LOOP
    append := NOT (audit_table.relname = ANY (definer_written));
    EXECUTE format('REVOKE ALL ON %s FROM %I', audit_table.name, app_role);
    EXECUTE format('GRANT %s ON %s TO %I', CASE WHEN append THEN 'SELECT, INSERT' ELSE 'SELECT' END, audit_table.name, app_role);
    -- Its id sequence: nextval for the app's inserts (audit_row_changes is written by the
    -- row-change trigger, which runs as the app), but never setval, which needs UPDATE.
    FOR owned_sequence IN
      SELECT d.objid::regclass AS name
      FROM pg_depend d JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
      WHERE d.classid = 'pg_class'::regclass AND d.refobjid = audit_table.oid AND d.deptype IN ('a', 'i')
    LOOP
      EXECUTE format('REVOKE ALL ON SEQUENCE %s FROM %I', owned_sequence.name, app_role);
      IF append THEN
        EXECUTE format('GRANT USAGE ON SEQUENCE %s TO %I', owned_sequence.name, app_role);
      END IF;
    END LOOP;
  END LOOP;
END
$$;

-- 6. Check the result before committing: the transaction rolls back if the app could still
-- change the trail or move the head.
DO $$
DECLARE
  app_role text := current_setting('portal.app_role');
  offending text;
BEGIN
  SELECT string_agg(format('%s %s', privilege, c.relname), ', ') INTO offending
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  CROSS JOIN unnest(ARRAY['UPDATE', 'DELETE', 'TRUNCATE', 'TRIGGER']) AS privilege
  WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname LIKE 'audit\_%'
    AND has_table_privilege(app_role, c.oid, privilege);
  IF offending IS NOT NULL THEN
    RAISE EXCEPTION 'role % can still change the audit trail: %', app_role, offending;
  END IF;
  IF to_regclass('public.audit_chain_head') IS NOT NULL AND has_table_privilege(app_role, 'public.audit_chain_head', 'INSERT') THEN
    RAISE EXCEPTION 'role % can still insert into audit_chain_head', app_role;
  END IF;
END
$$;

COMMIT;

\echo Roles ready: :owner_role owns the schema and runs the migrations, :app_role runs the portal.
