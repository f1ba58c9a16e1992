import 'server-only';

import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

import { users } from './accounts';

/**
 * Fixed-window counters kept in the database rather than in memory, so that every app
 * instance behind a load balancer counts against the same limit.
 */
export const rateLimitCounters = pgTable(
  'rate_limit_counters',
  {
    bucket: text('bucket').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    hits: integer('hits').notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.bucket, table.windowStart] })],
);

/**
 * Growing delays for secrets typed against one account (password, two-step code): one row per
 * account (or per unknown name, so that it answers alike) and one per account and address.
 * `failures` counts tries claimed and not yet proved right; `nextTryAt` is when the next may run.
 */
export const signInThrottles = pgTable(
  'sign_in_throttles',
  {
    key: text('key').primaryKey(),
    /** Set for a real account, so the office can see and clear its rows; null for an unknown name. */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    failures: integer('failures').notNull().default(0),
    nextTryAt: timestamp('next_try_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('sign_in_throttles_user_id_idx').on(table.userId)],
);
