import 'server-only';

import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';

import { users } from './accounts';

export const sexes = ['female', 'male'] as const;

export const children = pgTable(
  'children',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    preferredName: text('preferred_name'),
    dateOfBirth: date('date_of_birth', { mode: 'string' }).notNull(),
    sex: text('sex', { enum: sexes }),
    mrn: text('mrn'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('children_mrn_key')
      .on(table.mrn)
      .where(sql`${table.mrn} is not null`),
    index('children_name_idx').on(sql`lower(${table.lastName})`, sql`lower(${table.firstName})`),
    // Staff look children up by MRN without minding case (the audit report's child filter).
    index('children_mrn_lower_idx').on(sql`lower(${table.mrn})`),
  ],
);

export const guardianshipStatuses = ['active', 'revoked', 'ended_at_majority'] as const;
export type GuardianshipStatus = (typeof guardianshipStatuses)[number];

/** A guardian sees a child's information only while an active row here says so. */
export const guardianships = pgTable(
  'guardianships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id, { onDelete: 'restrict' }),
    guardianUserId: uuid('guardian_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    relationship: text('relationship').notNull(),
    status: text('status', { enum: guardianshipStatuses }).notNull().default('active'),
    statusReason: text('status_reason'),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
    /** The PIN this link was made with; null for links made by the office or the demo seed. */
    pinId: uuid('pin_id').references((): AnyPgColumn => pins.id, { onDelete: 'restrict' }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endedBy: uuid('ended_by').references(() => users.id, { onDelete: 'restrict' }),
  },
  (table) => [
    uniqueIndex('guardianships_active_key')
      .on(table.childId, table.guardianUserId)
      .where(sql`${table.status} = 'active'`),
    index('guardianships_guardian_idx').on(table.guardianUserId),
    index('guardianships_child_idx').on(table.childId),
    check(
      'guardianships_status_check',
      sql`${table.status} in ('active', 'revoked', 'ended_at_majority')`,
    ),
  ],
);

export interface PinVerification {
  confirmedDateOfBirth: boolean;
  confirmedAddressOrPhone: boolean;
  other: string | null;
}

export const pinCancelReasons = ['reissued', 'cancelled_by_staff'] as const;

/**
 * One-time codes the office gives a guardian to link a child. Only an HMAC of the code is kept:
 * the plain PIN exists on the screen and the printed letter, nowhere else.
 */
export const pins = pgTable(
  'pins',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id, { onDelete: 'restrict' }),
    pinHmac: text('pin_hmac').notNull(),
    intendedGuardianName: text('intended_guardian_name').notNull(),
    /** Lower-cased, trimmed name: "the same intended guardian" when a PIN is issued again. */
    intendedGuardianKey: text('intended_guardian_key').notNull(),
    intendedRelationship: text('intended_relationship').notNull(),
    verification: jsonb('verification').$type<PinVerification>().notNull(),
    issuedBy: uuid('issued_by')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    redeemedAt: timestamp('redeemed_at', { withTimezone: true }),
    redeemedBy: uuid('redeemed_by').references(() => users.id, { onDelete: 'restrict' }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelledBy: uuid('cancelled_by').references(() => users.id, { onDelete: 'restrict' }),
    cancelReason: text('cancel_reason', { enum: pinCancelReasons }),
  },
  (table) => [
    uniqueIndex('pins_pin_hmac_key').on(table.pinHmac),
    index('pins_child_outstanding_idx')
      .on(table.childId)
      .where(sql`${table.redeemedAt} is null and ${table.cancelledAt} is null`),
  ],
);
