import { afterAll, beforeAll } from 'vitest';

import { useConnectionForTesting, type Database } from '@/db';

import { createTestDatabase } from './test-database';

let connection: Awaited<ReturnType<typeof createTestDatabase>> | undefined;

beforeAll(async () => {
  connection = await createTestDatabase();
  useConnectionForTesting(connection);
});

afterAll(async () => {
  useConnectionForTesting(undefined);
  await connection?.close();
});

/** The database of the current test file. */
export function testDb(): Database {
  if (!connection) throw new Error('the test database is not ready (use it inside tests or hooks)');
  return connection.db;
}

export function testDriver(): 'postgres' | 'pglite' {
  return connection?.driver ?? 'pglite';
}
