import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { actAs } from '../factories';
import { databaseRequests } from '../fuzz/database-requests';
import { formCases } from '../fuzz/forms';
import {
  auditTrailProblems,
  FUZZ_TEST_TIMEOUT_MS,
  fuzzForm,
  recordFuzzResults,
  RUNS_PER_FORM,
  type FormReport,
} from '../fuzz/harness';
import {
  loadServerActions,
  serverActionFiles,
  type ActionKey,
  type ServerAction,
} from '../fuzz/server-actions';
import { buildWorld } from '../fuzz/world';
import { testDb } from '../setup/database';
import { TestRedirect } from '../setup/next-mocks';

vi.setConfig({ testTimeout: FUZZ_TEST_TIMEOUT_MS });

/**
 * Property-based tests of every form (every export of every 'use server' file): hostile input
 * never gets the unexpected-error answer, never half-writes, and never puts typed text or a
 * second line in the audit trail. See tests/fuzz/ for the inputs, the forms' table and the checks.
 */

vi.mock('@/lib/auth/password', async (importOriginal) =>
  (await import('../fuzz/cheap-passwords')).withCheapHashing(await importOriginal()),
);
vi.mock('@/db', async (importOriginal) =>
  (await import('../fuzz/database-requests')).withCountedRequests(await importOriginal()),
);

const keys = Object.keys(formCases).sort() as ActionKey[];
const reports: FormReport[] = [];
let actions: Map<ActionKey, ServerAction>;

beforeAll(async () => {
  actions = await loadServerActions();
});

describe('form fuzzing', () => {
  it('has a row in the fuzzing table for every server action, found from the code', () => {
    expect(serverActionFiles().length).toBeGreaterThanOrEqual(5);
    const found = [...actions.keys()].sort();
    expect(
      found.filter((key) => !(key in formCases)),
      'server actions missing from tests/fuzz/forms.ts',
    ).toEqual([]);
    expect(
      keys.filter((key) => !actions.has(key)),
      'rows in tests/fuzz/forms.ts for actions that no longer exist',
    ).toEqual([]);
  });

  it.each(keys.map((key, index) => [key, index] as const))(
    '%s survives hostile input',
    async (key, index) => {
      const db = testDb();
      const action = actions.get(key)!;
      const formCase = formCases[key]!(await buildWorld(db));
      const ip = `198.51.100.${(index % 250) + 1}`;

      // The table's valid inputs must pass the form's schema, or the fuzzer would start from nothing.
      for (const base of formCase.bases) {
        const prepared = (await formCase.prepare?.()) ?? {};
        actAs(formCase.session, { ip, cookieSessionToken: prepared.cookieSessionToken ?? null });
        const before = databaseRequests.count;
        const answer = await action(base).catch((error: unknown) => {
          if (error instanceof TestRedirect) return { ok: true };
          throw error;
        });
        expect(
          databaseRequests.count,
          `${key}: ${JSON.stringify(base)} did not pass the schema: ${JSON.stringify(answer)}`,
        ).toBeGreaterThan(before);
      }

      const report = await fuzzForm(db, key, action, formCase, ip);
      reports.push(report);
      expect(report.cases).toBeGreaterThanOrEqual(RUNS_PER_FORM);
    },
    600_000,
  );
});

afterAll(async () => {
  const audit = await auditTrailProblems(testDb());
  const cases = reports.reduce((sum, report) => sum + report.cases, 0);
  const milliseconds = reports.reduce((sum, report) => sum + report.milliseconds, 0);
  const summary = recordFuzzResults('actions', {
    forms: reports.length,
    cases,
    pastValidation: reports.reduce((sum, report) => sum + report.pastValidation, 0),
    auditEventsChecked: audit.checked,
    milliseconds,
    reports,
  });
  console.log(
    `form fuzzing: ${reports.length} forms, ${cases} generated inputs (${Math.round(milliseconds / 1000)} s); ${audit.checked} audit events checked; all parts: ${summary.forms} forms, ${summary.cases} cases`,
  );
  for (const report of reports)
    console.log(
      `  ${report.action}: ${report.cases} cases, ${report.pastValidation} past validation, ${report.ok} ok, ${report.redirected} redirected, ${report.refused} refused, ${report.milliseconds} ms`,
    );
  expect(audit.problems).toEqual([]);
});
