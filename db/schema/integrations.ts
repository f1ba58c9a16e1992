import 'server-only';

import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

import { users } from './accounts';

export interface PublicJwks {
  keys: Record<string, unknown>[];
}

/**
 * A system allowed to send records (SMART Backend Services): the practice's EHR. It proves who
 * it is with a JWT signed by its private key; only the public keys are kept here.
 */
export const integrationClients = pgTable('integration_clients', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  jwks: jsonb('jwks').$type<PublicJwks>().notNull(),
  scopes: text('scopes').array().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'restrict' }),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  disabledBy: uuid('disabled_by').references(() => users.id, { onDelete: 'restrict' }),
});

/** Assertion ids already used, so a captured assertion cannot be played again before it expires. */
export const integrationAssertions = pgTable(
  'integration_assertions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => integrationClients.id, { onDelete: 'restrict' }),
    jti: text('jti').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [uniqueIndex('integration_assertions_jti_key').on(table.clientId, table.jti)],
);

/**
 * Short-lived access tokens, kept as a SHA-256 so a copied table grants nothing. Looked up on
 * every call, so disabling the client ends its tokens at once.
 */
export const integrationTokens = pgTable(
  'integration_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => integrationClients.id, { onDelete: 'restrict' }),
    tokenHash: text('token_hash').notNull(),
    scopes: text('scopes').array().notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('integration_tokens_hash_key').on(table.tokenHash),
    index('integration_tokens_expiry_idx').on(table.expiresAt),
  ],
);
