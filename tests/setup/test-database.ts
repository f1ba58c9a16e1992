import { randomBytes } from 'node:crypto';

import { connectPglite, connectPostgres, migrateDatabase, type DatabaseConnection } from '@/db';

/**
 * A fresh, migrated database for one test file: an in-memory PGlite by default, or a new
 * database on the PostgreSQL server named by DATABASE_URL (dropped afterwards).
 */
export async function createTestDatabase(): Promise<DatabaseConnection & { label: string }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const connection = await connectPglite();
    await migrateDatabase(connection);
    return { ...connection, label: 'pglite' };
  }
  const name = `portal_test_${randomBytes(6).toString('hex')}`;
  const { default: postgres } = await import('postgres');
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const connection = await connectPostgres(url.toString());
  await migrateDatabase(connection);
  return {
    ...connection,
    label: `postgres:${name}`,
    async close() {
      await connection.close();
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
