import 'server-only';

import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

import type { Database } from '@/db';
import { env } from '@/lib/env';
import { defaultPoolSize, workerPool } from '@/lib/threads/pool';

import {
  BUNDLES_AT_ONCE_PER_THREAD,
  writePrepared,
  type WriteOptions,
  type Written,
} from './import';
import {
  prepareText,
  type BundleRefusal,
  type PreparedBundle,
  type PrepareOptions,
} from './prepare';

/**
 * A posted bundle is imported on a worker thread: read, parsed and mapped (~25 ms of CPU a
 * patient, in one piece), and on PostgreSQL written too, through the thread's own connections.
 * On the request thread every page asked for meanwhile waited behind that work: the mapping,
 * and then the writing's query building and socket writes (the driver's socket writes alone
 * were 9 % of the request thread's time in a CPU profile during an import). As for
 * bcrypt (lib/auth/password-threads.ts), the pool leaves one core to the request thread (one
 * worker on a 2-core machine). The embedded database (PGlite) lives on the request thread, so
 * there only the preparing moves; FHIR_IMPORT_THREADS=0 keeps everything here.
 */

type Prepared = { refusal: BundleRefusal } | { prepared: PreparedBundle };
export type Imported = { refusal: BundleRefusal } | { written: Written };

export interface ImportJob {
  text: string;
  options: PrepareOptions;
  /** Given, the worker writes the prepared bundle itself into this database. */
  write?: WriteOptions & { databaseUrl: string };
}

const poolSize = () => env().FHIR_IMPORT_THREADS ?? defaultPoolSize();

/**
 * Next.js bundles the worker as a script of its own (it follows `new URL(…, import.meta.url)`),
 * in the built server and in `next dev`. Under the test runner the code runs from source: the
 * worker is TypeScript, loaded through tsx's require hook with the condition the scripts use.
 */
function newWorker(): Worker {
  if (env().NODE_ENV !== 'test') return new Worker(new URL('./import-worker.ts', import.meta.url));
  const source = fileURLToPath(import.meta.url).replace(/threads\.ts$/, 'worker.ts');
  return new Worker(
    `require(require.resolve('tsx/cjs/api', { paths: [process.cwd()] })).register();
require(${JSON.stringify(source)});`,
    { eval: true, execArgv: ['--conditions=react-server'] },
  );
}

const run = workerPool<ImportJob, Prepared | Imported>({
  name: 'fhir-import',
  size: poolSize,
  // A thread writing one bundle mostly waits on the database: it maps the next meanwhile.
  jobsPerThread: BUNDLES_AT_ONCE_PER_THREAD,
  start: newWorker,
  failed: (error) => `importing the bundle failed: ${error}`,
  exited: (code) => `the bundle thread exited with code ${code}`,
});

/** prepareText (./prepare.ts) on a worker thread, or here when FHIR_IMPORT_THREADS is 0. */
export async function prepareOffThread(text: string, options: PrepareOptions): Promise<Prepared> {
  if (poolSize() === 0) return prepareText(text, options);
  return (await run({ text, options })) as Prepared;
}

/**
 * Imports a posted bundle's text into `db`: refused as a whole, or written patient by patient
 * (./import.ts). `databaseUrl` is the PostgreSQL server `db` talks to (null for PGlite): with
 * it, the worker thread writes through connections of its own.
 */
export async function importOffThread(
  db: Database,
  databaseUrl: string | null,
  text: string,
  options: PrepareOptions,
  write: WriteOptions,
): Promise<Imported> {
  if (databaseUrl && poolSize() > 0)
    return (await run({ text, options, write: { ...write, databaseUrl } })) as Imported;
  const prepared = await prepareOffThread(text, options);
  if ('refusal' in prepared) return prepared;
  return { written: await writePrepared(db, prepared.prepared, write) };
}
