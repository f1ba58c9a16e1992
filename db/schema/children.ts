import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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
    uniqueIndex('children_mrn_key').on(table.mrn).where(sql`${table.mrn} is not null`),
    index('children_name_idx').on(sql`lower(${table.lastName})`, sql`lower(${table.firstName})`),
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
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('guardianships_active_key').on(table.childId, table.guardianUserId).where(sql`${table.status} = 'active'`),
    index('guardianships_guardian_idx').on(table.guardianUserId),
    check('guardianships_status_check', sql`${table.status} in ('active', 'revoked', 'ended_at_majority')`),
  ],
);
