import { constants, setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';

import { connectPostgres, type Database } from '@/db';

import { writePrepared } from './import';
import type { ImportJob } from './import-threads';
import { prepareText } from './prepare';

// The worker thread of ./import-threads.ts (pool in lib/threads/pool.ts): bundle text in; out,
// the prepared bundle (or its refusal), or, given a database, what writing it did.

// People using the portal come first: on Linux this lowers this thread's priority only (the
// request thread keeps its own), so when both want a core, a page gets it before the import.
// An import that is not competing with pages runs as fast as before.
try {
  setPriority(constants.priority.PRIORITY_LOW);
} catch {
  // Not allowed here (some containers): the import runs at normal priority.
}

/**
 * Connections this thread writes through: the patients of its bundles take turns on them.
 * Measured with 1,000 patients through /api/fhir on 2 cores (README, "Importing from the EHR"):
 * 1, 2 or 6 connections import at about the same rate (33–46 patients/s), but with 6 the
 * import's database backends take the cores from the pages' queries (a child's summary timed
 * by itself: 2.35× its calm p95 with 6; 1.41–2.13× with 2 over six runs). They are named apart
 * in pg_stat_activity.
 */
const IMPORT_CONNECTIONS = 2;

/** One pool per database (tests use a database per file), opened on first use. */
const databases = new Map<string, Promise<Database>>();

function database(url: string): Promise<Database> {
  let db = databases.get(url);
  if (!db) {
    db = connectPostgres(url, {
      poolMax: IMPORT_CONNECTIONS,
      applicationName: 'pediatric-portal fhir-import',
    }).then((connection) => connection.db);
    db.catch(() => databases.delete(url));
    databases.set(url, db);
  }
  return db;
}

async function work({ text, options, write }: ImportJob) {
  const prepared = prepareText(text, options);
  if (!write || 'refusal' in prepared) return prepared;
  const { databaseUrl, ...writeOptions } = write;
  const db = await database(databaseUrl);
  return { written: await writePrepared(db, prepared.prepared, writeOptions) };
}

parentPort!.on('message', ({ id, job }: { id: number; job: ImportJob }) => {
  work(job).then(
    (result) => parentPort!.postMessage({ id, result }),
    (error: unknown) =>
      parentPort!.postMessage({ id, error: error instanceof Error ? error.name : 'Error' }),
  );
});
