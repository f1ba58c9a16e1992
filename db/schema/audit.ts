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
     * this event's content and that hash. Set by the database as the row is inserted
     * (audit_chain_event in drizzle/0009), never by the application.
     */
    chainSeq: bigint('chain_seq', { mode: 'number' }),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (table) => [
    uniqueIndex('audit_events_chain_seq_key').on(table.chainSeq),
    check(
      'audit_events_chained',
      sql`${table.chainSeq} is not null and ${table.prevHash} is not null and ${table.hash} is not null`,
    ),
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

/** The end of the hash chain: one row, moved forward by each audit event under a row lock. */
export const auditChainHead = pgTable('audit_chain_head', {
  id: integer('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});
