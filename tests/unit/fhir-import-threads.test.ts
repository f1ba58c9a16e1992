import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { prepareOffThread } from '@/lib/fhir/import-threads';
import { prepareText } from '@/lib/fhir/prepare';

const samples = path.resolve('tests/fixtures/fhir-samples');
const sample = readFileSync(
  path.join(samples, 'sof-Emanuel_Carroll-20a30240-90e2-431b-8ce5-e47aa814d017.json'),
  'utf8',
);
const options = { today: '2026-11-30', mrnSystem: undefined, sensitiveTag: undefined };

describe('preparing a posted bundle on a worker thread', () => {
  it('gives what preparing it here gives, for a chart and for refused bodies', async () => {
    const here = prepareText(sample, options);
    expect('prepared' in here && here.prepared.patients[0]?.ok).toBe(true);
    expect(await prepareOffThread(sample, options)).toEqual(here);
    for (const body of ['{"resourceType":', '[[[[' + '['.repeat(80), '{"resourceType":"Patient"}'])
      expect(await prepareOffThread(body, options)).toEqual(prepareText(body, options));
  });

  it('answers many bundles at once, each with its own result', async () => {
    const bodies = Array.from({ length: 6 }, (_, n) =>
      n % 2 ? sample : `{"resourceType":"Bundle","type":"batch","entry":[${'{}'.repeat(0)}]}`,
    );
    const results = await Promise.all(bodies.map((body) => prepareOffThread(body, options)));
    expect(results.map((result) => 'prepared' in result && result.prepared.entryCount)).toEqual(
      bodies.map((body) => (body === sample ? JSON.parse(sample).entry.length : 0)),
    );
  });

  it('does the work away from this thread: its event loop keeps turning meanwhile', async () => {
    // Five charts in one bundle, as an EHR sends them (ids kept: nothing is written here).
    const entries = JSON.parse(sample).entry;
    const big = JSON.stringify({
      resourceType: 'Bundle',
      type: 'batch',
      entry: Array.from({ length: 5 }, () => entries).flat(),
    });
    await prepareOffThread(sample, options); // the thread is started
    // Counted in turns of this thread's loop, not milliseconds, so a busy machine cannot fail
    // it: parsing and mapping here would hold the loop for the whole job (no turn at all
    // between the call and its answer); on the worker, the loop turns while the worker works
    // (a five-chart job is thousands of turns long; only the copies in and out are ours).
    let turns = 0;
    let done = false;
    const spin = () => {
      if (done) return;
      turns += 1;
      setImmediate(spin);
    };
    setImmediate(spin);
    const result = await prepareOffThread(big, options);
    done = true;
    expect('prepared' in result && result.prepared.patients.length).toBe(5);
    expect(turns).toBeGreaterThan(20);
  });
});
