import 'server-only';

import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

import { users } from './accounts';
import { children } from './children';

export const messageCategories = ['clinical', 'general', 'billing'] as const;
export type MessageCategory = (typeof messageCategories)[number];

export const conversationStatuses = ['open', 'closed'] as const;

/**
 * A conversation between the office and one guardian about one child. Another guardian of the
 * same child does not see it.
 */
export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id, { onDelete: 'restrict' }),
    guardianUserId: uuid('guardian_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    category: text('category', { enum: messageCategories }).notNull(),
    subject: text('subject').notNull(),
    status: text('status', { enum: conversationStatuses }).notNull().default('open'),
    startedBy: text('started_by', { enum: ['parent', 'staff'] }).notNull(),
    assignedTo: uuid('assigned_to').references(() => users.id, { onDelete: 'restrict' }),
    /** The form's idempotency key: a double submit finds the conversation instead of making a second. */
    idempotencyKey: text('idempotency_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('conversations_idempotency_key')
      .on(table.guardianUserId, table.idempotencyKey)
      .where(sql`${table.idempotencyKey} is not null`),
    index('conversations_guardian_idx').on(table.guardianUserId, table.lastMessageAt),
    index('conversations_queue_idx').on(table.category, table.status, table.lastMessageAt),
    index('conversations_child_idx').on(table.childId),
    check(
      'conversations_category_check',
      sql`${table.category} in ('clinical', 'general', 'billing')`,
    ),
    check('conversations_status_check', sql`${table.status} in ('open', 'closed')`),
  ],
);

export const messageKinds = ['message', 'note'] as const;

/**
 * One message in a conversation. `note` is an internal staff note, never shown to the guardian.
 * Bodies are stored as typed and always rendered escaped.
 */
export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'restrict' }),
    authorUserId: uuid('author_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    authorKind: text('author_kind', { enum: ['parent', 'staff'] }).notNull(),
    kind: text('kind', { enum: messageKinds }).notNull().default('message'),
    body: text('body').notNull(),
    idempotencyKey: text('idempotency_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the guardian first read a message from the office. */
    readByGuardianAt: timestamp('read_by_guardian_at', { withTimezone: true }),
    /** When someone at the office first read a message from the guardian. */
    readByStaffAt: timestamp('read_by_staff_at', { withTimezone: true }),
  },
  (table) => [
    index('messages_conversation_idx').on(table.conversationId, table.createdAt),
    uniqueIndex('messages_idempotency_key')
      .on(table.conversationId, table.idempotencyKey)
      .where(sql`${table.idempotencyKey} is not null`),
    index('messages_unread_by_guardian_idx')
      .on(table.conversationId)
      .where(
        sql`${table.authorKind} = 'staff' and ${table.kind} = 'message' and ${table.readByGuardianAt} is null`,
      ),
    // The staff queue's "unread" mark: without it, each queue page read every message ever sent.
    index('messages_unread_by_staff_idx')
      .on(table.conversationId)
      .where(sql`${table.authorKind} = 'parent' and ${table.readByStaffAt} is null`),
    check('messages_kind_check', sql`${table.kind} in ('message', 'note')`),
    check(
      'messages_note_by_staff',
      sql`${table.kind} = 'message' or ${table.authorKind} = 'staff'`,
    ),
  ],
);
