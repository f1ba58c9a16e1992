import { parentPort } from 'node:worker_threads';

import { prepareText, type PrepareOptions } from './prepare';

// The worker thread of ./prepare-threads.ts: one bundle at a time, text in, plain data out.
parentPort!.on(
  'message',
  ({ id, text, options }: { id: number; text: string; options: PrepareOptions }) => {
    try {
      parentPort!.postMessage({ id, result: prepareText(text, options) });
    } catch (error) {
      parentPort!.postMessage({ id, error: error instanceof Error ? error.name : 'Error' });
    }
  },
);
