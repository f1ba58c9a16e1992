import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gt, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { expect } from 'vitest';

import type { Database } from '@/db';
import { auditEvents, auditRowChanges, rateLimitCounters } from '@/db/schema';

import { actAs } from '../factories';
import { TestRedirect } from '../setup/next-mocks';
import { databaseRequests } from './database-requests';
import type { FormCase } from './forms';
import { hostileInputs, knownHostileInputs } from './inputs';
import { repositoryRoot, type ActionKey, type ServerAction } from './server-actions';

/** The sentence lib/action.ts gives for an unexpected exception: the portal's "500". */
const UNEXPECTED_ERROR = /Something went wrong on our side/;

/**
 * How many generated inputs each form gets: 1,000 on PostgreSQL (the CI figure), 100 on the
 * embedded PGlite run, which repeats the same properties on the second database without doubling
 * the two minutes they take on 2 cores. FORM_FUZZ_RUNS overrides both.
 */
export const RUNS_PER_FORM =
  Number(process.env.FORM_FUZZ_RUNS) || (process.env.DATABASE_URL ? 1000 : 100);
/** Generous: a form's 1,000 cases take seconds alone, much longer with the rest of the suite on 2 cores. */
export const FUZZ_TEST_TIMEOUT_MS = 300_000;
/** Set FORM_FUZZ_SEED to replay a run fast-check reported. */
export const FUZZ_SEED = process.env.FORM_FUZZ_SEED
  ? Number(process.env.FORM_FUZZ_SEED)
  : undefined;

/** Audit metadata holds ids, names of fields and short codes, never text someone typed. */
const AUDIT_VALUE_MAX = 128;

/**
 * Free text the fuzzer sent, to check none of it reaches the audit trail. Only strings that
 * cannot be an id, a code or a field name (they have a space, a symbol or non-ASCII) and are
 * long enough not to match by chance.
 */
const generatedFreeText = new Set<string>();
function isFreeText(value: string): boolean {
  return value.length >= 8 && !/^[A-Za-z0-9_.:@-]+$/.test(value);
}

export function rememberTypedText(strings: Iterable<string>) {
  // Longer text could not hide in a value of AUDIT_VALUE_MAX characters; that keeps the set small.
  for (const text of strings)
    if (isFreeText(text) && text.length <= AUDIT_VALUE_MAX) generatedFreeText.add(text);
}

export function leafStrings(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const item of value) leafStrings(item, into);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      into.push(key);
      leafStrings(item, into);
    }
  }
  return into;
}

interface AuditRow {
  action: string;
  targetType: string | null;
  targetId: string | null;
  metadata: Record<string, unknown>;
}

/** One line, short values, nothing typed by the visitor: what every audit event must satisfy. */
export function auditProblems(event: AuditRow, typed: Iterable<string>): string[] {
  const problems: string[] = [];
  const json = JSON.stringify(event.metadata);
  if (/[\r\n\u2028\u2029]/.test(json)) problems.push(`${event.action}: metadata is not one line`);
  const values = [
    ...leafStrings(event.metadata),
    ...(event.targetType ? [event.targetType] : []),
    ...(event.targetId ? [event.targetId] : []),
  ];
  for (const value of values) {
    if (value.length > AUDIT_VALUE_MAX)
      problems.push(`${event.action}: a metadata value of ${value.length} characters`);
    if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(value))
      problems.push(`${event.action}: a control character in ${JSON.stringify(value)}`);
  }
  for (const text of typed) {
    if (!isFreeText(text)) continue;
    const leaked = values.find(
      (value) => value === text || (text.length >= 12 && value.includes(text)),
    );
    if (leaked !== undefined)
      problems.push(
        `${event.action}: typed text in the audit trail: ${JSON.stringify(leaked.slice(0, 80))}`,
      );
  }
  return problems;
}

/**
 * Every audit event in the database, whatever wrote it: one line, short values, and none of
 * them a piece of text the fuzzer typed.
 */
/** The audit events written since `mark`. */
export function auditEventsSince(db: Database, mark: { events: number }) {
  return db
    .select({
      action: auditEvents.action,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      metadata: auditEvents.metadata,
    })
    .from(auditEvents)
    .where(gt(auditEvents.id, mark.events));
}

export async function auditTrailProblems(
  db: Database,
): Promise<{ checked: number; problems: string[] }> {
  const events = await db
    .select({
      action: auditEvents.action,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      metadata: auditEvents.metadata,
    })
    .from(auditEvents);
  const problems = events.flatMap((event) => [
    ...auditProblems(event, []),
    ...leafStrings(event.metadata)
      .filter((value) => generatedFreeText.has(value))
      .map((value) => `${event.action}: typed text in the audit trail: ${JSON.stringify(value)}`),
  ]);
  return { checked: events.length, problems };
}

/** Where the audit trail and the row-change log end now. */
export async function auditMarks(db: Database) {
  const [row] = await db
    .select({
      changes: sql<string>`coalesce(max(${auditRowChanges.id}), 0)`,
      events: sql<string>`(select coalesce(max(id), 0) from ${auditEvents})`,
    })
    .from(auditRowChanges);
  return { changes: Number(row?.changes ?? 0), events: Number(row?.events ?? 0) };
}

export interface FormReport {
  action: ActionKey;
  cases: number;
  ok: number;
  redirected: number;
  refused: number;
  /** Inputs that passed the form's schema and went on to the domain code and the database. */
  pastValidation: number;
  sentAsFormData: number;
  milliseconds: number;
}

function describeThrown(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Runs RUNS_PER_FORM generated inputs through one real server action. For each: it answers
 * (never throws), never with the unexpected-error sentence and never with an `action.failed`
 * audit event; a refusal changes nothing (by the database's own row-change trigger, which sees
 * every INSERT, UPDATE and DELETE on every business table) beyond rate-limit counters and the
 * bookkeeping the form declares; and its audit events stay one short line without typed text.
 */
export async function fuzzForm(
  db: Database,
  key: ActionKey,
  action: ServerAction,
  formCase: FormCase,
  ip: string,
): Promise<FormReport> {
  const report: FormReport = {
    action: key,
    cases: 0,
    ok: 0,
    redirected: 0,
    refused: 0,
    pastValidation: 0,
    sentAsFormData: 0,
    milliseconds: 0,
  };
  const started = performance.now();
  const allowedOnRefusal = formCase.refusalWrites ?? {};

  // Most inputs fail the schema and never reach the database; only after one that did is the
  // database looked at again (and its rate limits and the form's preparation done again).
  let touched = true;
  let prepared: { cookieSessionToken?: string } = {};
  let before = { changes: 0, events: 0 };

  await fc.assert(
    fc.asyncProperty(hostileInputs(formCase.bases), async (generated) => {
      if (touched) {
        // Rate limits would soon answer every input the same way; start each case with none counted.
        await db.delete(rateLimitCounters).where(sql`true`);
        prepared = (await formCase.prepare?.()) ?? {};
        before = await auditMarks(db);
        touched = false;
      }
      actAs(formCase.session, { ip, cookieSessionToken: prepared.cookieSessionToken ?? null });
      const requestsBefore = databaseRequests.count;

      let answer: Awaited<ReturnType<ServerAction>> | undefined;
      let redirectedTo: string | undefined;
      try {
        answer = await action(generated.input);
      } catch (error) {
        if (!(error instanceof TestRedirect)) {
          touched = true;
          throw new Error(`${key} threw instead of answering: ${describeThrown(error)}`);
        }
        redirectedTo = error.location;
      }
      touched = databaseRequests.count > requestsBefore;

      if (answer) {
        expect(typeof answer.ok).toBe('boolean');
        if (!answer.ok) {
          expect(typeof answer.formError).toBe('string');
          expect(answer.formError).not.toMatch(UNEXPECTED_ERROR);
          for (const value of Object.values(answer.fieldErrors ?? {}))
            expect(typeof value).toBe('string');
        }
      } else {
        expect(redirectedTo).toMatch(/^\//);
      }

      if (touched) {
        const changes = await db
          .select({
            table: auditRowChanges.tableName,
            operation: auditRowChanges.operation,
            columns: auditRowChanges.changedColumns,
          })
          .from(auditRowChanges)
          .where(gt(auditRowChanges.id, before.changes));
        const events = await auditEventsSince(db, before);
        expect(
          events.filter((event) => event.action === 'action.failed'),
          `${key} failed unexpectedly`,
        ).toEqual([]);
        if (answer && !answer.ok) {
          const written = changes.filter(({ table, operation, columns }) => {
            // Limit bookkeeping: a refused try is counted on purpose.
            if (table === 'rate_limit_counters' || table === 'sign_in_throttles') return false;
            const allowed = allowedOnRefusal[table];
            return !(
              allowed &&
              operation === 'UPDATE' &&
              columns.every((column) => allowed.includes(column))
            );
          });
          expect(written, `${key} refused (${answer.formError}) but changed data`).toEqual([]);
        }
        for (const event of events)
          expect(auditProblems(event, generated.strings), `${key}: audit event`).toEqual([]);
      }

      rememberTypedText(generated.strings);
      report.cases += 1;
      if (generated.shape === 'form-data') report.sentAsFormData += 1;
      if (touched) report.pastValidation += 1;
      if (redirectedTo) report.redirected += 1;
      else if (answer?.ok) report.ok += 1;
      else report.refused += 1;
    }),
    {
      numRuns: RUNS_PER_FORM,
      seed: FUZZ_SEED,
      examples: knownHostileInputs(formCase.bases).map((input) => [input] as [typeof input]),
    },
  );

  report.milliseconds = Math.round(performance.now() - started);
  return report;
}

/**
 * Writes one test file's figures to test-results/form-fuzz/<part>.json and the sum of every
 * part to test-results/form-fuzz.json, so the numbers can be quoted in the docs.
 */
export function recordFuzzResults(part: string, results: Record<string, unknown>) {
  const dir = path.join(repositoryRoot, 'test-results', 'form-fuzz');
  mkdirSync(dir, { recursive: true });
  const write = (file: string, value: unknown) => {
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`);
    renameSync(temporary, file);
  };
  write(path.join(dir, `${part}.json`), {
    part,
    finishedAt: new Date().toISOString(),
    database: process.env.DATABASE_URL ? 'postgres' : 'pglite',
    ...results,
  });

  const parts = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map(
      (name) =>
        JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as {
          part: string;
          forms?: number;
          cases?: number;
          milliseconds?: number;
        },
    );
  const summary = {
    forms: parts.reduce((sum, item) => sum + (item.forms ?? 0), 0),
    cases: parts.reduce((sum, item) => sum + (item.cases ?? 0), 0),
    parts,
  };
  write(path.join(repositoryRoot, 'test-results', 'form-fuzz.json'), summary);
  return summary;
}
