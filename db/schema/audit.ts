import 'server-only';

import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export const actorKinds = ['parent', 'staff', 'system', 'anonymous'] as const;
export type ActorKind = (typeof actorKinds)[number];

export const auditOutcomes = ['success', 'denied', 'error'] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];

/**
 * What happened, said by the application: one row per meaningful event. Append-only: the
 * migration installs triggers that refuse UPDATE, DELETE and TRUNCATE.
 * `txid` ties an event to the row changes the triggers recorded in the same transaction.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorKind: text('actor_kind', { enum: actorKinds }).notNull(),
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    childId: uuid('child_id'),
    targetType: text('target_type'),
    targetId: text('target_id'),
    outcome: text('outcome', { enum: auditOutcomes }).notNull(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    requestId: text('request_id'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    txid: bigint('txid', { mode: 'number' })
      .notNull()
      .default(sql`txid_current()`),
    /**
     * The hash chain (tamper evidence): position, the previous event's hash, and SHA-256 over
     * this event's content and that hash. Null while the event waits to be sealed: the sealer
     * (audit_seal_chain, drizzle/0020) fills all three once, in order, seconds after the event
     * commits; never the application. See docs/decisions/0015-audit-chain-sealing.md.
     */
    chainSeq: bigint('chain_seq', { mode: 'number' }),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (table) => [
    uniqueIndex('audit_events_chain_seq_key').on(table.chainSeq),
    // Sealed whole or not at all: never a position without its hashes.
    check(
      'audit_events_sealed_whole',
      sql`(${table.chainSeq} is null) = (${table.prevHash} is null) and (${table.chainSeq} is null) = (${table.hash} is null)`,
    ),
    // What the sealer looks for, in the order it seals: small, as only the unsealed tail is in it.
    index('audit_events_unsealed_idx')
      .on(table.txid, table.id)
      .where(sql`${table.chainSeq} is null`),
    index('audit_events_occurred_at_idx').on(table.occurredAt),
    index('audit_events_action_idx').on(table.action, table.occurredAt),
    index('audit_events_outcome_idx').on(table.outcome, table.occurredAt),
    index('audit_events_actor_idx').on(table.actorId, table.occurredAt),
    index('audit_events_child_idx').on(table.childId, table.occurredAt),
    index('audit_events_txid_idx').on(table.txid),
  ],
);

/**
 * What changed, said by the database: the audit trigger writes one row per INSERT, UPDATE or
 * DELETE on every business table, whether or not the application remembered to audit.
 */
export const auditRowChanges = pgTable(
  'audit_row_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    tableName: text('table_name').notNull(),
    rowId: text('row_id'),
    operation: text('operation').notNull(),
    changedColumns: text('changed_columns').array().notNull(),
    actorId: text('actor_id'),
    actorKind: text('actor_kind'),
    requestId: text('request_id'),
    txid: bigint('txid', { mode: 'number' })
      .notNull()
      .default(sql`txid_current()`),
  },
  (table) => [
    index('audit_row_changes_txid_idx').on(table.txid),
    index('audit_row_changes_row_idx').on(table.tableName, table.rowId),
  ],
);

/**
 * The end of the hash chain: one row, moved forward by the sealer, one event at a time, under a
 * row lock. `sealedFrom` is the first position sealed in batches (drizzle/0020): from there on
 * the chain follows the events' (txid, id) order, which audit:verify checks.
 */
export const auditChainHead = pgTable('audit_chain_head', {
  id: integer('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
  sealedFrom: bigint('sealed_from', { mode: 'number' }).notNull().default(1),
});
