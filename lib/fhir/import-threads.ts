import 'server-only';

import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

import { env } from '@/lib/env';
import { defaultPoolSize, workerPool } from '@/lib/threads/pool';

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

const poolSize = () => env().FHIR_IMPORT_THREADS ?? defaultPoolSize();

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

const run = workerPool<{ text: string; options: PrepareOptions }, Result>({
  name: 'fhir-prepare',
  size: poolSize,
  start: newWorker,
  failed: (error) => `preparing the bundle failed: ${error}`,
  exited: (code) => `the bundle thread exited with code ${code}`,
});

/** prepareText (./prepare.ts) on a worker thread, or here when FHIR_IMPORT_THREADS is 0. */
export async function prepareOffThread(text: string, options: PrepareOptions): Promise<Result> {
  if (poolSize() === 0) return prepareText(text, options);
  return run({ text, options });
}
