/**
 * Runs CDC's CDSi test cases through the portal's evaluator and forecaster.
 *
 *   npm run cdsi:check -- --json <test-cases.csv>   one JSON line per case
 *   npm run cdsi:check -- <test-cases.csv>          a summary of agreement and each mismatch
 */
import { readFileSync } from 'node:fs';

import { compareOutcome, readTestCases, runTestCase } from '../lib/cdsi/conformance/test-cases';

const args = process.argv.slice(2);
const json = args.includes('--json');
const file = args.find((arg) => !arg.startsWith('--'));
if (!file) {
  console.error('Usage: npm run cdsi:check -- [--json] <test-cases.csv>');
  process.exit(2);
}
// Piped into `head`: stop quietly when the reader has had enough.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
let csv: string;
try {
  csv = readFileSync(file, 'utf8');
} catch {
  console.error(`Cannot read ${file}`);
  process.exit(2);
}
const cases = readTestCases(csv);
if (json) {
  for (const testCase of cases) console.log(JSON.stringify(runTestCase(testCase)));
} else {
  const totals = {
    cases: 0,
    status: 0,
    forecastNumber: 0,
    earliest: 0,
    recommended: 0,
    pastDue: 0,
    datesTogether: 0,
    all: 0,
  };
  for (const testCase of cases) {
    const outcome = runTestCase(testCase);
    const match = compareOutcome(testCase, outcome);
    if (!match) continue;
    totals.cases++;
    for (const key of ['status', 'forecastNumber', 'earliest', 'recommended', 'pastDue'] as const)
      if (match[key]) totals[key]++;
    if (match.recommended && match.pastDue) totals.datesTogether++;
    const all = Object.values(match).every(Boolean);
    if (all) totals.all++;
    else
      console.log(
        `${testCase.id} ${testCase.group} ${testCase.name}\n  expected ${testCase.seriesStatus} #${testCase.forecastNumber} ${testCase.earliest} ${testCase.recommended} ${testCase.pastDue}\n  got      ${'status' in outcome ? `${outcome.status} #${outcome.forecastNumber} ${outcome.earliest} ${outcome.recommended} ${outcome.pastDue}` : ''}`,
      );
  }
  const pct = (n: number) => `${((100 * n) / totals.cases).toFixed(1)} %`;
  console.log(
    `${totals.cases} supported cases: status ${pct(totals.status)}, dose number ${pct(totals.forecastNumber)}, earliest ${pct(totals.earliest)}, recommended ${pct(totals.recommended)}, past due ${pct(totals.pastDue)}, recommended and past due ${pct(totals.datesTogether)}, all fields ${pct(totals.all)}`,
  );
}
