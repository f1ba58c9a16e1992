import 'server-only';

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * bcrypt at cost 12 is a quarter of a second of pure CPU (bcryptjs is JavaScript). Run on the
 * server's one JavaScript thread, every sign-in would stall every other request for that long;
 * here it runs on worker threads instead. The pool leaves one core to the request thread
 * (one worker on a 2-core machine), so a rush of sign-ins waits its turn for a hashing thread
 * rather than slowing every page.
 */

type Job =
  | { op: 'hash'; password: string; cost: number }
  | { op: 'compare'; password: string; hash: string };

// Evaluated code, not a file: the server is bundled, and a worker needs a script of its own.
// bcryptjs is loaded from the project's node_modules when the thread starts.
const workerSource = `
const { parentPort } = require('node:worker_threads');
const bcrypt = require(require.resolve('bcryptjs', { paths: [process.cwd()] }));
parentPort.on('message', ({ id, job }) => {
  try {
    const result = job.op === 'hash' ? bcrypt.hashSync(job.password, job.cost) : bcrypt.compareSync(job.password, job.hash);
    parentPort.postMessage({ id, result });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});`;

interface Pending {
  resolve: (value: string | boolean) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  /** The job it is working on, if any. */
  current: number | null;
}

const poolSize = Math.max(1, availableParallelism() - 1);

// One pool per process, kept on globalThis like the database handle: Next.js may evaluate this
// module more than once.
interface Pool {
  workers: PoolWorker[];
  queue: { id: number; job: Job }[];
  pending: Map<number, Pending>;
  nextId: number;
}
const holder = globalThis as typeof globalThis & { __passwordPool?: Pool };
const pool: Pool = (holder.__passwordPool ??= {
  workers: [],
  queue: [],
  pending: new Map(),
  nextId: 1,
});

function startWorker(): PoolWorker {
  const entry: PoolWorker = { worker: new Worker(workerSource, { eval: true }), current: null };
  entry.worker.on(
    'message',
    ({ id, result, error }: { id: number; result?: string | boolean; error?: string }) => {
      const pending = pool.pending.get(id);
      pool.pending.delete(id);
      entry.current = null;
      entry.worker.unref();
      if (pending) {
        if (error !== undefined) pending.reject(new Error(`password hashing failed: ${error}`));
        else pending.resolve(result!);
      }
      dispatch();
    },
  );
  entry.worker.on('error', (error) => retire(entry, error));
  entry.worker.on('exit', (code) =>
    retire(entry, new Error(`password hashing thread exited with code ${code}`)),
  );
  // A thread keeps the process alive only while it works: a script (a seed, a test) ends when
  // its last hash is done, not before and not never. Set after the listeners, since adding a
  // 'message' listener refs the thread again.
  entry.worker.unref();
  return entry;
}

// A thread that dies takes only its own job with it; the next job starts a fresh one.
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
    if (!entry && pool.workers.length < poolSize) {
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

function run<T extends string | boolean>(job: Job): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const id = pool.nextId++;
    pool.pending.set(id, { resolve: resolve as (value: string | boolean) => void, reject });
    pool.queue.push({ id, job });
    dispatch();
  });
}

export const bcryptOffThread = {
  hash: (password: string, cost: number) => run<string>({ op: 'hash', password, cost }),
  compare: (password: string, hash: string) => run<boolean>({ op: 'compare', password, hash }),
};
