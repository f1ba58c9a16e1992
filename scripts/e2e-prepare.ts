import { sql } from 'drizzle-orm';

import { connectPostgres, migrateDatabase } from '@/db';
import { rateLimitCounters } from '@/db/schema';
import { seedDemoData } from '@/db/seed';

/**
 * Gets the end-to-end database ready: creates it when missing, applies migrations, adds the demo
 * users the tests sign in with. Run by Playwright before it starts the production server.
 */
async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('e2e-prepare needs DATABASE_URL');
  const { default: postgres } = await import('postgres');
  const name = new URL(url).pathname.slice(1);
  const serverUrl = new URL(url);
  serverUrl.pathname = '/postgres';
  const admin = postgres(serverUrl.toString(), { max: 1, onnotice: () => {} });
  const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
  if (!exists) await admin.unsafe(`create database "${name.replace(/"/g, '')}"`);
  await admin.end();
  const connection = await connectPostgres(url);
  try {
    await migrateDatabase(connection);
    await seedDemoData(connection.db);
    // Every test browser comes from 127.0.0.1: start each run with fresh per-address counters.
    await connection.db.delete(rateLimitCounters).where(sql`true`);
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
