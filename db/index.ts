import 'server-only';

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';

import { env } from '@/lib/env';

import * as schema from './schema';

type Schema = typeof schema;

/** The common shape of the PostgreSQL and PGlite handles, and of a transaction on either. */
export type Database = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Transaction = PgTransaction<
  PgQueryResultHKT,
  Schema,
  ExtractTablesWithRelations<Schema>
>;
/** Domain functions accept either, so callers decide where the transaction boundary is. */
export type Db = Database | Transaction;

export interface DatabaseConnection {
  db: Database;
  driver: 'postgres' | 'pglite';
  /** The PostgreSQL server's URL, so that a worker thread can open connections of its own. */
  url?: string;
  close(): Promise<void>;
}

const migrationsFolder = path.join(process.cwd(), 'drizzle');

interface PostgresOptions {
  /** Connections this handle opens at most (DB_POOL_MAX by default). */
  poolMax?: number;
  /** What pg_stat_activity shows for its connections. */
  applicationName?: string;
}

export async function connectPostgres(
  url: string,
  options: PostgresOptions = {},
): Promise<DatabaseConnection> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const settings = env();
  // Fail fast rather than hang: a page should answer 503 within seconds when the database is
  // away, and a stuck transaction must not hold locks for ever.
  const client = postgres(url, {
    max: options.poolMax ?? settings.DB_POOL_MAX,
    connect_timeout: settings.DB_CONNECT_TIMEOUT_SECONDS,
    idle_timeout: 60,
    // postgres.js waits up to 20 s between reconnection attempts once the server has gone away,
    // and queued requests wait with it. Capped at one second, a restarted database is found
    // again at once, and while it is away each request fails fast into the 503 page.
    backoff: (attempt: number) => Math.min(0.05 * 2 ** attempt, 1),
    max_lifetime: 60 * 30,
    onnotice: () => {},
    connection: {
      application_name: options.applicationName ?? 'pediatric-portal',
      statement_timeout: settings.DB_STATEMENT_TIMEOUT_MS,
      idle_in_transaction_session_timeout: settings.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    },
  });
  const db = drizzle(client, { schema }) as unknown as Database;
  return { db, driver: 'postgres', url, close: () => client.end({ timeout: 5 }) };
}

/** `dataDir` undefined means in memory (tests); otherwise a folder such as .data/pglite. */
export async function connectPglite(dataDir?: string): Promise<DatabaseConnection> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = new PGlite(dataDir);
  await client.waitReady;
  const db = drizzle(client, { schema }) as unknown as Database;
  return { db, driver: 'pglite', close: () => client.close() };
}

export async function connectConfiguredDatabase(): Promise<DatabaseConnection> {
  const settings = env();
  return settings.DATABASE_URL
    ? connectPostgres(settings.DATABASE_URL)
    : connectPglite(path.resolve(settings.PGLITE_DIR));
}

export async function migrateDatabase(connection: DatabaseConnection): Promise<void> {
  if (connection.driver === 'postgres') {
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    // The migrator's type names its own driver; the handle is that driver underneath.
    await migrate(connection.db as unknown as Parameters<typeof migrate>[0], { migrationsFolder });
  } else {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(connection.db as unknown as Parameters<typeof migrate>[0], { migrationsFolder });
  }
}

// One handle per process. It lives on globalThis because Next.js may evaluate this module more
// than once (dev reloads, separate bundles), and PGlite allows only one opener of its folder.
const holder = globalThis as typeof globalThis & { __portalDb?: Promise<DatabaseConnection> };

function getConnection(): Promise<DatabaseConnection> {
  holder.__portalDb ??= connectConfiguredDatabase().catch((error: unknown) => {
    holder.__portalDb = undefined;
    throw error;
  });
  return holder.__portalDb;
}

export async function getDb(): Promise<Database> {
  return (await getConnection()).db;
}

/** The PostgreSQL server's URL the portal uses, or null on the embedded database. */
export async function getDatabaseUrl(): Promise<string | null> {
  return (await getConnection()).url ?? null;
}

/** Integration tests point the app's handle at their own fresh database. */
export function useConnectionForTesting(connection: DatabaseConnection | undefined): void {
  holder.__portalDb = connection ? Promise.resolve(connection) : undefined;
}
