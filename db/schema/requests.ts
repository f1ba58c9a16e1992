import { sql } from 'drizzle-orm';
import {
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

import {
  fileMediaTypes,
  filePurposes,
  requestKinds,
  requestStatuses,
} from '@/lib/requests/vocabulary';

import { users } from './accounts';
import { children } from './children';
import { conversations } from './messaging';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

/** What the parent asked for, by kind (lib/requests/schemas.ts); ids and words, no files. */
export type RequestDetails = Record<string, string | string[] | null>;

/**
 * A Patient Services request: one row per ask (an appointment, a renewal, a form, a copy of the
 * records), worked by the office through a status machine (lib/requests/vocabulary.ts). The
 * conversation is the request's Inbox thread, so parent and office talk in the existing messages.
 */
export const serviceRequests = pgTable(
  'service_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: requestKinds }).notNull(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id, { onDelete: 'restrict' }),
    guardianUserId: uuid('guardian_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'restrict' }),
    status: text('status', { enum: requestStatuses }).notNull().default('received'),
    details: jsonb('details').$type<RequestDetails>().notNull(),
    /** When the office booked the visit (status scheduled). */
    scheduledFor: timestamp('scheduled_for', { withTimezone: true }),
    /** Why the office declined, as the parent reads it. */
    statusReason: text('status_reason'),
    assignedTo: uuid('assigned_to').references(() => users.id, { onDelete: 'restrict' }),
    /** The form's idempotency key: a double submit finds the request instead of making a second. */
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** The answer is due by then (30 days for records: the HIPAA right of access). */
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('service_requests_idempotency_key').on(table.guardianUserId, table.idempotencyKey),
    index('service_requests_queue_idx').on(table.kind, table.status, table.createdAt),
    index('service_requests_child_idx').on(table.childId, table.createdAt),
    index('service_requests_open_due_idx')
      .on(table.dueAt)
      .where(sql`${table.closedAt} is null`),
    check(
      'service_requests_kind_check',
      sql`${table.kind} in ('appointment', 'renewal', 'form', 'records')`,
    ),
    check(
      'service_requests_scheduled_has_time',
      sql`${table.status} <> 'scheduled' or ${table.scheduledFor} is not null`,
    ),
  ],
);

/**
 * Files of a request, stored in the database by default (lib/files/storage.ts): the blank form a
 * parent attached, the completed form or records PDF the office attached.
 */
export const requestFiles = pgTable(
  'request_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => serviceRequests.id, { onDelete: 'restrict' }),
    purpose: text('purpose', { enum: filePurposes }).notNull(),
    mediaType: text('media_type', { enum: fileMediaTypes }).notNull(),
    byteSize: integer('byte_size').notNull(),
    /** The bytes, when stored in the database; null when a bucket holds them under storageKey. */
    content: bytea('content'),
    storageKey: text('storage_key'),
    uploadedBy: uuid('uploaded_by')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('request_files_request_idx').on(table.requestId, table.createdAt),
    check(
      'request_files_stored',
      sql`${table.content} is not null or ${table.storageKey} is not null`,
    ),
    check('request_files_size', sql`${table.byteSize} > 0 and ${table.byteSize} <= 10485760`),
  ],
);

/** The pharmacy a family last used, offered again on their next renewal request. */
export const familyPharmacies = pgTable('family_pharmacies', {
  guardianUserId: uuid('guardian_user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'restrict' }),
  name: text('name').notNull(),
  phone: text('phone').notNull(),
  address: text('address').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
