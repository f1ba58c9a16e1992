import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

import { signInProblemStatuses } from '@/lib/help-desk/vocabulary';

import { users } from './accounts';

/**
 * "Tell us about a problem signing in", from the public Help Desk: whoever wrote it may have no
 * account, or be unable to reach it, so it holds only what they typed to be called back. The
 * form asks for no health details.
 */
export const signInProblems = pgTable(
  'sign_in_problems',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** A phone number or an email address, as typed. */
    contact: text('contact').notNull(),
    description: text('description').notNull(),
    /** The language it was written in, so the office can call back in it. */
    locale: text('locale').notNull().default('en'),
    status: text('status', { enum: signInProblemStatuses }).notNull().default('new'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    handledBy: uuid('handled_by').references(() => users.id, { onDelete: 'set null' }),
    handledAt: timestamp('handled_at', { withTimezone: true }),
  },
  (table) => [
    index('sign_in_problems_status_created_idx').on(table.status, table.createdAt),
    check(
      'sign_in_problems_status_check',
      sql`${table.status} in ('new', 'called_back', 'closed')`,
    ),
  ],
);
