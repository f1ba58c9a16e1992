ALTER TABLE "audit_events" DROP CONSTRAINT "audit_events_chained";--> statement-breakpoint
ALTER TABLE "audit_chain_head" ADD COLUMN "sealed_from" bigint DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX "audit_events_unsealed_idx" ON "audit_events" USING btree ("txid","id") WHERE "audit_events"."chain_seq" is null;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_sealed_whole" CHECK (("audit_events"."chain_seq" is null) = ("audit_events"."prev_hash" is null) and ("audit_events"."chain_seq" is null) = ("audit_events"."hash" is null));--> statement-breakpoint

-- Batch sealing (docs/decisions/0015-audit-chain-sealing.md). Until now a BEFORE INSERT trigger
-- chained every event under a lock on audit_chain_head held until commit, so audited commits ran
-- one at a time. From here an event is written unsealed, durable with its change and sharing no
-- lock with other writers; the sealer (audit_seal_chain below) gives committed events their
-- place in the chain seconds later, in batches, one sealer at a time. The events chained before
-- this migration keep their positions and hashes: nothing about them changes.
DROP TRIGGER audit_events_chain ON audit_events;
--> statement-breakpoint
DROP FUNCTION audit_chain_event();
--> statement-breakpoint

-- An event is written unsealed: a place in the chain supplied by the writer would be a forgery
-- (and a position taken early would stop the sealer at the unique index). Its txid is always its
-- own transaction's: the sealer's order and horizon rest on it.
CREATE OR REPLACE FUNCTION audit_event_unsealed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.chain_seq IS NOT NULL OR NEW.prev_hash IS NOT NULL OR NEW.hash IS NOT NULL THEN
    RAISE EXCEPTION 'the audit trail is append-only: an event is written unsealed, and only the sealer gives it a place in the chain'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  NEW.txid := txid_current();
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_unsealed BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_event_unsealed();
--> statement-breakpoint

-- Still refused for every statement, whether or not a row matches: DELETE, TRUNCATE, and any
-- UPDATE except the sealer's (audit_seal_chain sets portal.audit_sealing for its own statements;
-- the application's role has no UPDATE right on the table in the first place, db/roles.sql).
DROP TRIGGER audit_events_append_only ON audit_events;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('portal.audit_sealing', true) = 'on' THEN
    RETURN NULL;
  END IF;
  RAISE EXCEPTION 'the audit trail is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint

-- The one change an audit event may undergo: an unsealed event is sealed, once, as it stands.
-- Whatever the UPDATE asked for, the database decides the position and the hashes here, under
-- the lock on the head row (so two sealers can never take the same position: no fork), and
-- moves the head. Refused: an event sealed already, a change to anything the event says, and an
-- event whose transaction is not yet below the horizon (see audit_seal_chain).
CREATE OR REPLACE FUNCTION audit_seal_event() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  head_seq bigint;
  head_hash text;
BEGIN
  IF OLD.chain_seq IS NOT NULL OR OLD.prev_hash IS NOT NULL OR OLD.hash IS NOT NULL THEN
    RAISE EXCEPTION 'the audit trail is append-only: event % is sealed already', OLD.id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (to_jsonb(NEW) - 'chain_seq' - 'prev_hash' - 'hash') IS DISTINCT FROM (to_jsonb(OLD) - 'chain_seq' - 'prev_hash' - 'hash') THEN
    RAISE EXCEPTION 'the audit trail is append-only: sealing event % may not change what it says', OLD.id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.txid >= pg_snapshot_xmin(pg_current_snapshot())::text::bigint THEN
    RAISE EXCEPTION 'event % cannot be sealed yet: a transaction older than it is still open', OLD.id
      USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
  SELECT seq, hash INTO head_seq, head_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE;
  NEW.chain_seq := head_seq + 1;
  NEW.prev_hash := head_hash;
  NEW.hash := audit_event_hash(head_hash, NEW);
  UPDATE audit_chain_head SET seq = NEW.chain_seq, hash = NEW.hash WHERE id = 1;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_seal BEFORE UPDATE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_seal_event();
--> statement-breakpoint

-- The sealer. One at a time: a second caller finds the head locked and returns 0 at once (SKIP
-- LOCKED), so every server instance may run it on a timer. It seals, oldest first in (txid, id)
-- order, the committed unsealed events of transactions below the horizon: the snapshot's xmin,
-- under which every transaction has ended. An event of a transaction still open (it may commit
-- late, with a smaller txid than events committed already) waits for a later batch instead of
-- being skipped, and the chain's (txid, id) order never goes backwards, which audit:verify
-- checks. SECURITY DEFINER: it runs as the owner, the only role that may UPDATE the table.
CREATE OR REPLACE FUNCTION audit_seal_chain(max_events integer DEFAULT 1000) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
DECLARE
  event_id bigint;
  position bigint;
  sealed integer := 0;
BEGIN
  -- Nothing to seal (the usual answer between bursts): return without locking anything, so an
  -- idle sealer writes nothing and takes no transaction id.
  IF NOT EXISTS (
    SELECT FROM audit_events
    WHERE chain_seq IS NULL AND txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
  ) THEN
    RETURN 0;
  END IF;
  PERFORM 1 FROM audit_chain_head WHERE id = 1 FOR UPDATE SKIP LOCKED;
  IF NOT FOUND THEN
    RETURN 0;
  END IF;
  PERFORM set_config('portal.audit_sealing', 'on', true);
  FOR event_id IN
    SELECT id FROM audit_events
    WHERE chain_seq IS NULL AND txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
    ORDER BY txid, id
    LIMIT greatest(max_events, 0)
  LOOP
    -- audit_seal_event fills the chain columns; this statement only names the event.
    UPDATE audit_events SET chain_seq = NULL WHERE id = event_id RETURNING chain_seq INTO position;
    IF position IS NULL THEN
      RAISE EXCEPTION 'event % was not sealed: the trigger audit_events_seal is switched off', event_id;
    END IF;
    sealed := sealed + 1;
  END LOOP;
  PERFORM set_config('portal.audit_sealing', 'off', true);
  RETURN sealed;
END;
$$;
--> statement-breakpoint

-- Where batch sealing starts: the events before it were chained in lock order, which need not
-- be (txid, id) order; audit:verify checks that order from this position on.
ALTER TABLE audit_chain_head DISABLE TRIGGER audit_chain_head_guard;
--> statement-breakpoint
UPDATE audit_chain_head SET sealed_from = seq + 1 WHERE id = 1;
--> statement-breakpoint
ALTER TABLE audit_chain_head ENABLE TRIGGER audit_chain_head_guard;
