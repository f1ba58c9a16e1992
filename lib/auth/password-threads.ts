import 'server-only';

import { Worker } from 'node:worker_threads';

import { defaultPoolSize, workerPool } from '@/lib/threads/pool';

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

const poolSize = defaultPoolSize();

const run = workerPool<Job, string | boolean>({
  name: 'password',
  size: () => poolSize,
  start: () => new Worker(workerSource, { eval: true }),
  failed: (error) => `password hashing failed: ${error}`,
  exited: (code) => `password hashing thread exited with code ${code}`,
});

export const bcryptOffThread = {
  hash: (password: string, cost: number) => run({ op: 'hash', password, cost }) as Promise<string>,
  compare: (password: string, hash: string) =>
    run({ op: 'compare', password, hash }) as Promise<boolean>,
};
