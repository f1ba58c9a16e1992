import 'server-only';

import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

import { env } from '@/lib/env';

import {
  prepareText,
  type BundleRefusal,
  type PreparedBundle,
  type PrepareOptions,
} from './prepare';

/**
 * A posted bundle is read, parsed and mapped on a worker thread (~25 ms of CPU a patient, in
 * one piece per patient): on the request thread every page asked for meanwhile waited behind
 * it. As for bcrypt (lib/auth/password-threads.ts), the pool leaves one core to the request
 * thread (one worker on a 2-core machine); bundles wait their turn for it, pages do not.
 */

type Result = { refusal: BundleRefusal } | { prepared: PreparedBundle };

interface Pending {
  resolve: (value: Result) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  current: number | null;
}

const poolSize = () => env().FHIR_IMPORT_THREADS ?? Math.max(1, availableParallelism() - 1);

interface Pool {
  workers: PoolWorker[];
  queue: { id: number; text: string; options: PrepareOptions }[];
  pending: Map<number, Pending>;
  nextId: number;
}

// One pool per process, kept on globalThis like the database handle: Next.js may evaluate this
// module more than once.
const holder = globalThis as typeof globalThis & { __fhirPreparePool?: Pool };
const pool: Pool = (holder.__fhirPreparePool ??= {
  workers: [],
  queue: [],
  pending: new Map(),
  nextId: 1,
});

/**
 * Next.js bundles the worker as a script of its own (it follows `new URL(…, import.meta.url)`),
 * in the built server and in `next dev`. Under the test runner the code runs from source: the
 * worker is TypeScript, loaded through tsx's require hook with the condition the scripts use.
 */
function newWorker(): Worker {
  if (env().NODE_ENV !== 'test') return new Worker(new URL('./prepare-worker.ts', import.meta.url));
  const source = fileURLToPath(import.meta.url).replace(/threads\.ts$/, 'worker.ts');
  return new Worker(
    `require(require.resolve('tsx/cjs/api', { paths: [process.cwd()] })).register();
require(${JSON.stringify(source)});`,
    { eval: true, execArgv: ['--conditions=react-server'] },
  );
}

function startWorker(): PoolWorker {
  const entry: PoolWorker = { worker: newWorker(), current: null };
  entry.worker.on(
    'message',
    ({ id, result, error }: { id: number; result?: Result; error?: string }) => {
      const pending = pool.pending.get(id);
      pool.pending.delete(id);
      entry.current = null;
      entry.worker.unref();
      if (pending) {
        if (error !== undefined) pending.reject(new Error(`preparing the bundle failed: ${error}`));
        else pending.resolve(result!);
      }
      dispatch();
    },
  );
  entry.worker.on('error', (error) => retire(entry, error));
  entry.worker.on('exit', (code) =>
    retire(entry, new Error(`the bundle thread exited with code ${code}`)),
  );
  // A thread keeps the process alive only while it works (set after the listeners, since adding
  // a 'message' listener refs the thread again).
  entry.worker.unref();
  return entry;
}

// A thread that dies takes only its own bundle with it; the next one starts a fresh thread.
function retire(entry: PoolWorker, error: Error): void {
  const index = pool.workers.indexOf(entry);
  if (index === -1) return;
  pool.workers.splice(index, 1);
  const id = entry.current;
  entry.current = null;
  if (id !== null) {
    pool.pending.get(id)?.reject(error);
    pool.pending.delete(id);
  }
  dispatch();
}

function dispatch(): void {
  while (pool.queue.length) {
    let entry = pool.workers.find((candidate) => candidate.current === null);
    if (!entry && pool.workers.length < poolSize()) {
      entry = startWorker();
      pool.workers.push(entry);
    }
    if (!entry) return;
    const next = pool.queue.shift()!;
    entry.current = next.id;
    entry.worker.ref();
    entry.worker.postMessage(next);
  }
}

/** prepareText (./prepare.ts) on a worker thread, or here when FHIR_IMPORT_THREADS is 0. */
export async function prepareOffThread(text: string, options: PrepareOptions): Promise<Result> {
  if (poolSize() === 0) return prepareText(text, options);
  return new Promise<Result>((resolve, reject) => {
    const id = pool.nextId++;
    pool.pending.set(id, { resolve, reject });
    pool.queue.push({ id, text, options });
    dispatch();
  });
}
