/**
 * Conformance with CDC's CDSi test cases: every case of a vaccine group the portal forecasts must
 * agree on series status, forecast dose number and the earliest, recommended and past-due dates,
 * unless tests/fixtures/cdsi/allow-list.json explains why not.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { compareOutcome, readTestCases, runTestCase } from '@/lib/cdsi/conformance/test-cases';

const folder = path.resolve(import.meta.dirname, '../fixtures/cdsi');
const cases = readTestCases(
  readFileSync(path.join(folder, 'cdsi-test-cases-v4.45-even.csv'), 'utf8'),
);
const allowList = JSON.parse(readFileSync(path.join(folder, 'allow-list.json'), 'utf8')) as {
  id: string;
  hingesOn: string;
}[];

function mismatches() {
  const found: { id: string; fields: string[] }[] = [];
  let supported = 0;
  for (const testCase of cases) {
    const match = compareOutcome(testCase, runTestCase(testCase));
    if (!match) continue;
    supported++;
    const fields = Object.entries(match)
      .filter(([, agrees]) => !agrees)
      .map(([field]) => field);
    if (fields.length > 0) found.push({ id: testCase.id, fields });
  }
  return { supported, found };
}

describe('CDSi test cases v4.45 (even half)', () => {
  const { supported, found } = mismatches();

  it('reads every case of the file, and forecasts the groups the portal shows', () => {
    expect(cases).toHaveLength(508);
    expect(supported).toBe(438);
    const unsupported = new Set(
      cases.filter((c) => 'unsupported' in runTestCase(c)).map((c) => c.group),
    );
    expect([...unsupported].sort()).toEqual(['COVID-19', 'MENB', 'ZOSTER']);
  });

  it('agrees with CDC on every supported case not on the allow-list', () => {
    const allowed = new Set(allowList.map((entry) => entry.id));
    expect(found.filter((miss) => !allowed.has(miss.id))).toEqual([]);
  });

  it('keeps the allow-list small, explained and current', () => {
    expect(allowList.length).toBeLessThanOrEqual(Math.floor(supported * 0.01));
    for (const entry of allowList) expect(entry.hingesOn.trim().length).toBeGreaterThan(20);
    const failing = new Set(found.map((miss) => miss.id));
    expect(allowList.filter((entry) => !failing.has(entry.id))).toEqual([]);
  });
});
