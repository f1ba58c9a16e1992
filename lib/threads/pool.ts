import 'server-only';

import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';

/**
 * A small pool of worker threads for CPU-heavy jobs (bcrypt in lib/auth/password-threads.ts, FHIR
 * bundles in lib/fhir/import-threads.ts), so that the request thread never runs them itself.
 * Each thread does one job at a time (or `jobsPerThread`, for jobs that wait on I/O); jobs wait
 * their turn in a queue. A worker receives `{ id, job }` and answers `{ id, result }` or
 * `{ id, error }` (a string).
 */

/** Every core but one, which is left to the request thread (one worker on a 2-core machine). */
export const defaultPoolSize = () => Math.max(1, availableParallelism() - 1);

interface WorkerPoolOptions {
  /** Names the pool on globalThis: Next.js may evaluate a module more than once. */
  name: string;
  /** How many threads at most, read each time a thread could be started. */
  size: () => number;
  /**
   * Jobs a thread takes at once (default 1). More than one only for jobs that wait on I/O: while
   * one job waits for the database, the thread works on the next.
   */
  jobsPerThread?: number;
  start: () => Worker;
  /** The error a job gets when its worker answers with one. */
  failed: (error: string) => string;
  /** The error a job gets when its thread exits under it. */
  exited: (code: number) => string;
}

interface Pending<Result> {
  resolve: (value: Result) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  /** The jobs it is working on. */
  jobs: Set<number>;
}

interface Pool<Job, Result> {
  workers: PoolWorker[];
  queue: { id: number; job: Job }[];
  pending: Map<number, Pending<Result>>;
  nextId: number;
}

const holder = globalThis as typeof globalThis & {
  __workerPools?: Map<string, Pool<unknown, unknown>>;
};

/** Runs a job on one of the pool's threads and resolves with the worker's answer. */
export function workerPool<Job, Result>(options: WorkerPoolOptions): (job: Job) => Promise<Result> {
  const pools = (holder.__workerPools ??= new Map());
  let found = pools.get(options.name) as Pool<Job, Result> | undefined;
  if (!found) {
    found = { workers: [], queue: [], pending: new Map(), nextId: 1 };
    pools.set(options.name, found as Pool<unknown, unknown>);
  }
  const pool = found;
  const jobsPerThread = options.jobsPerThread ?? 1;

  function startWorker(): PoolWorker {
    const entry: PoolWorker = { worker: options.start(), jobs: new Set() };
    entry.worker.on(
      'message',
      ({ id, result, error }: { id: number; result?: Result; error?: string }) => {
        const pending = pool.pending.get(id);
        pool.pending.delete(id);
        entry.jobs.delete(id);
        if (entry.jobs.size === 0) entry.worker.unref();
        if (pending) {
          if (error !== undefined) pending.reject(new Error(options.failed(error)));
          else pending.resolve(result!);
        }
        dispatch();
      },
    );
    entry.worker.on('error', (error) => retire(entry, error));
    entry.worker.on('exit', (code) => retire(entry, new Error(options.exited(code))));
    // A thread keeps the process alive only while it works: a script (a seed, a test) ends when
    // its last job is done, not before and not never. Set after the listeners, since adding a
    // 'message' listener refs the thread again.
    entry.worker.unref();
    return entry;
  }

  // A thread that dies takes only its own jobs with it; the next job starts a fresh one.
  function retire(entry: PoolWorker, error: Error): void {
    const index = pool.workers.indexOf(entry);
    if (index === -1) return;
    pool.workers.splice(index, 1);
    for (const id of entry.jobs) {
      pool.pending.get(id)?.reject(error);
      pool.pending.delete(id);
    }
    entry.jobs.clear();
    dispatch();
  }

  function dispatch(): void {
    while (pool.queue.length) {
      // The least busy thread with room, so that jobs spread over the threads first.
      let entry = pool.workers
        .filter((candidate) => candidate.jobs.size < jobsPerThread)
        .sort((a, b) => a.jobs.size - b.jobs.size)[0];
      if (entry && entry.jobs.size > 0 && pool.workers.length < options.size()) entry = undefined;
      if (!entry && pool.workers.length < options.size()) {
        entry = startWorker();
        pool.workers.push(entry);
      }
      if (!entry) return;
      const next = pool.queue.shift()!;
      entry.jobs.add(next.id);
      entry.worker.ref();
      entry.worker.postMessage(next);
    }
  }

  return (job) =>
    new Promise<Result>((resolve, reject) => {
      const id = pool.nextId++;
      pool.pending.set(id, { resolve, reject });
      pool.queue.push({ id, job });
      dispatch();
    });
}
