import { parentPort } from 'node:worker_threads';

import { prepareText, type PrepareOptions } from './prepare';

interface Message {
  id: number;
  job: { text: string; options: PrepareOptions };
}

// The worker thread of ./prepare-threads.ts (pool in lib/threads/pool.ts): one bundle at a time,
// text in, plain data out.
parentPort!.on('message', ({ id, job: { text, options } }: Message) => {
  try {
    parentPort!.postMessage({ id, result: prepareText(text, options) });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.name : 'Error' });
  }
});
