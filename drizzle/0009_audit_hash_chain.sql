CREATE TABLE "audit_chain_head" (
	"id" integer PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "chain_seq" bigint;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "prev_hash" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "hash" text;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_events_chain_seq_key" ON "audit_events" USING btree ("chain_seq");--> statement-breakpoint
CREATE INDEX "audit_events_action_idx" ON "audit_events" USING btree ("action","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_events_outcome_idx" ON "audit_events" USING btree ("outcome","occurred_at");--> statement-breakpoint

-- Tamper evidence: every audit event is chained to the one before it. The digest input is the
-- event's content in a fixed order as a JSON array (jsonb prints keys and numbers one way only),
-- with the time in UTC to the microsecond, so the verifier recomputes exactly the same bytes.
CREATE OR REPLACE FUNCTION audit_event_digest_input(e audit_events) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_array(
    e.chain_seq, e.id, to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    e.actor_id, e.actor_kind, e.actor_role, e.action, e.child_id, e.target_type, e.target_id,
    e.outcome, e.ip_address, e.user_agent, e.request_id, e.metadata, e.txid
  )::text
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_event_hash(prev_hash text, e audit_events) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(prev_hash || '|' || audit_event_digest_input(e), 'UTF8')), 'hex')
$$;
--> statement-breakpoint

-- The chain is extended under a lock on its one head row, so two transactions can never take
-- the same position (no fork); the lock is held until the writing transaction ends. SECURITY
-- DEFINER: the application's role needs no right to change the head itself.
CREATE OR REPLACE FUNCTION audit_chain_event() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
DECLARE
  head_seq bigint;
  head_hash text;
BEGIN
  SELECT seq, hash INTO head_seq, head_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE;
  NEW.chain_seq := head_seq + 1;
  NEW.prev_hash := head_hash;
  NEW.hash := audit_event_hash(head_hash, NEW);
  UPDATE audit_chain_head SET seq = NEW.chain_seq, hash = NEW.hash WHERE id = 1;
  RETURN NEW;
END;
$$;
--> statement-breakpoint

-- Chain the events written before this migration, oldest first.
ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only;
--> statement-breakpoint
DO $$
DECLARE
  event record;
  running_hash text := repeat('0', 64);
  chain_position bigint := 0;
BEGIN
  FOR event IN SELECT id FROM audit_events ORDER BY id LOOP
    chain_position := chain_position + 1;
    UPDATE audit_events SET chain_seq = chain_position, prev_hash = running_hash WHERE id = event.id;
    UPDATE audit_events e SET hash = audit_event_hash(running_hash, e) WHERE e.id = event.id RETURNING e.hash INTO running_hash;
  END LOOP;
  INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, chain_position, running_hash);
END;
$$;
--> statement-breakpoint
ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only;
--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_chained" CHECK ("audit_events"."chain_seq" is not null and "audit_events"."prev_hash" is not null and "audit_events"."hash" is not null);
--> statement-breakpoint
CREATE TRIGGER audit_events_chain BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_chain_event();
--> statement-breakpoint
-- The head is moved only by audit_chain_event, that is from inside the trigger on audit_events.
CREATE OR REPLACE FUNCTION audit_chain_head_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' OR pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION 'the audit trail is append-only: the chain head moves only with a new audit event'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_chain_head_guard BEFORE UPDATE ON audit_chain_head FOR EACH ROW EXECUTE FUNCTION audit_chain_head_guard();
--> statement-breakpoint
CREATE TRIGGER audit_chain_head_append_only BEFORE DELETE OR TRUNCATE ON audit_chain_head
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
