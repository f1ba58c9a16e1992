import 'server-only';

import { and, eq, getTableColumns, isNotNull, sql } from 'drizzle-orm';

import type { Database, Transaction } from '@/db';
import { children } from '@/db/schema';
import type { Actor, RequestMeta } from '@/lib/audit/events';
import { auditedTransaction } from '@/lib/audit/transaction';
import { todayInPractice } from '@/lib/dates';
import { postgresErrorCode } from '@/lib/errors';
import { log } from '@/lib/log';
import { sectionTables } from '@/lib/records/write';

import { ENTERED_IN_ERROR, type MappingOptions } from './common';
import type { MappedPatient } from './patient';
import {
  prepareBundle,
  type ImportError,
  type PreparedBundle,
  type PreparedPatient,
  type PreparedRow,
} from './prepare';

type PatientOutcome = 'created' | 'updated' | 'unchanged' | 'failed';

export interface ImportReport {
  patients: Record<PatientOutcome, number>;
  imported: Record<string, number>;
  skipped: Record<string, number>;
  errors: ImportError[];
}

interface PatientResult {
  /** Index of the Patient entry in its bundle, and of every entry of its chart. */
  entry: number;
  entries: number[];
  outcome: PatientOutcome;
  childId: string | null;
}

/** What writing a prepared bundle did; with its type and size, all the endpoint answers from. */
export interface Written {
  type: PreparedBundle['type'];
  entryCount: number;
  report: ImportReport;
  patients: PatientResult[];
}

/** Who writes a prepared bundle, and as what source (./import-threads.ts sends it to a thread). */
export interface WriteOptions extends Pick<ImportOptions, 'source' | 'now' | 'file'> {
  actor: Actor;
  meta: RequestMeta;
}

export interface ImportOptions extends MappingOptions {
  /** The sending system; with each resource's id it keys the rows, so a resend updates them. */
  source: string;
  mrnSystem?: string;
  /** File name for error reports (the command line); null for a posted bundle. */
  file?: string | null;
  now?: Date;
}

export function emptyReport(): ImportReport {
  return {
    patients: { created: 0, updated: 0, unchanged: 0, failed: 0 },
    imported: {},
    skipped: {},
    errors: [],
  };
}

export function mergeReports(into: ImportReport, from: ImportReport): ImportReport {
  for (const key of Object.keys(into.patients) as PatientOutcome[])
    into.patients[key] += from.patients[key];
  for (const [type, count] of Object.entries(from.imported))
    into.imported[type] = (into.imported[type] ?? 0) + count;
  for (const [type, count] of Object.entries(from.skipped))
    into.skipped[type] = (into.skipped[type] ?? 0) + count;
  into.errors.push(...from.errors);
  return into;
}

const addCounts = (into: Record<string, number>, from: Record<string, number>) => {
  for (const [type, count] of Object.entries(from)) into[type] = (into[type] ?? 0) + count;
};

/**
 * Imports a FHIR Bundle: each patient in its own audited transaction, so one bad resource rolls
 * back that patient only (reported with its entry) and the others still import. A child is
 * matched on the MRN and never linked to a guardian here: the office does that with a PIN.
 * Mapping runs here, on the caller's thread; the endpoint has the bundle prepared and written
 * on a worker thread (./import-threads.ts).
 */
export async function importBundle(
  db: Database,
  actor: Actor,
  meta: RequestMeta,
  body: unknown,
  options: ImportOptions,
): Promise<Written> {
  const prepared = prepareBundle(body, {
    ...options,
    today: todayInPractice(options.now ?? new Date()),
  });
  return writePrepared(db, prepared, { ...options, actor, meta });
}

/** Writes a prepared bundle: the importer's second half, all database work. */
export async function writePrepared(
  db: Database,
  prepared: PreparedBundle,
  options: WriteOptions,
): Promise<Written> {
  const { actor, meta } = options;
  const report = emptyReport();
  addCounts(report.skipped, prepared.skipped);
  report.errors.push(...prepared.errors);
  const { patients } = prepared;
  // Each patient is its own transaction, so several run at once: the round trips and commit
  // flushes of one overlap the work of the next. Reports are merged in bundle order after.
  const outcomes = await inLanes(patients, laneOf(patients), (work) =>
    importOnePatient(db, actor, meta, work, options),
  );
  const results: PatientResult[] = [];
  for (const [index, work] of patients.entries()) {
    const { result, error } = outcomes[index]!;
    results.push({ entry: work.entry, entries: work.entries, ...result });
    // Refused while mapping (work.error), or by the database while writing (error).
    if (!work.ok || error) {
      report.patients.failed += 1;
      report.errors.push(work.ok ? error! : work.error);
      continue;
    }
    addCounts(report.imported, work.imported);
    addCounts(report.skipped, work.skipped);
    report.patients[result.outcome] += 1;
  }
  return { type: prepared.type, entryCount: prepared.entryCount, report, patients: results };
}

/** Patients importing at once in one bundle; each holds a pooled connection while it does. */
const PATIENTS_AT_ONCE = 3;

/** Bundles an import thread works on at once (./import-threads.ts): one maps while one writes. */
export const BUNDLES_AT_ONCE_PER_THREAD = 2;

/**
 * Two Patient entries with the same MRN are one child: they go in the same lane, one after
 * the other, so the second finds the first's row instead of racing it to the unique MRN.
 */
function laneOf(patients: PreparedPatient[]): number[] {
  const lanes = new Map<string, number>();
  return patients.map((work, index) => {
    if (!work.ok) return index; // refused on its own, with the reason
    const lane = lanes.get(work.patient.mrn) ?? index;
    lanes.set(work.patient.mrn, lane);
    return lane;
  });
}

/** Runs `work` over `items`, at most PATIENTS_AT_ONCE lanes at a time, in order within a lane. */
async function inLanes<T, R>(items: T[], lanes: number[], work: (item: T) => Promise<R>) {
  const results = new Array<R>(items.length);
  const byLane = new Map<number, number[]>();
  lanes.forEach((lane, index) => byLane.set(lane, [...(byLane.get(lane) ?? []), index]));
  const queue = [...byLane.values()];
  await Promise.all(
    Array.from({ length: Math.min(PATIENTS_AT_ONCE, queue.length) }, async () => {
      for (let lane = queue.shift(); lane; lane = queue.shift())
        for (const index of lane) results[index] = await work(items[index]!);
    }),
  );
  return results;
}

async function importOnePatient(
  db: Database,
  actor: Actor,
  meta: RequestMeta,
  work: PreparedPatient,
  options: Pick<ImportOptions, 'source' | 'now' | 'file'>,
): Promise<{
  result: { outcome: PatientOutcome; childId: string | null };
  error: ImportError | null;
}> {
  const failed = { outcome: 'failed' as const, childId: null };
  if (!work.ok) return { result: failed, error: null };
  try {
    const result = await importPatient(db, actor, meta, work.patient, work.rows, options);
    return { result, error: null };
  } catch (error) {
    // A database refusal: only this patient is rolled back. Neither the report nor the log
    // carries its text: drizzle's message quotes the query's parameters, the child's health data.
    log('error', 'fhir.import_patient_failed', {
      errorName: error instanceof Error ? error.name : typeof error,
      sqlState: postgresErrorCode(error) ?? null,
    });
    return {
      result: failed,
      error: {
        file: options.file ?? null,
        entry: work.entry,
        resourceType: 'Patient',
        id: work.id,
        reason: 'the chart could not be saved',
      },
    };
  }
}

async function upsertChild(tx: Transaction, patient: MappedPatient, now: Date) {
  const [existing] = await tx.select().from(children).where(eq(children.mrn, patient.mrn));
  if (!existing) {
    const [inserted] = await tx
      .insert(children)
      .values({ ...patient, createdAt: now, updatedAt: now })
      .returning({ id: children.id });
    return { id: inserted!.id, created: true, updated: false };
  }
  const changed = (Object.keys(patient) as (keyof MappedPatient)[]).filter(
    (key) => existing[key] !== patient[key],
  );
  if (changed.length > 0)
    await tx
      .update(children)
      .set({ ...patient, updatedAt: now })
      .where(eq(children.id, existing.id));
  return { id: existing.id, created: false, updated: changed.length > 0 };
}

async function importPatient(
  db: Database,
  actor: Actor,
  meta: RequestMeta,
  patient: MappedPatient,
  planned: PreparedRow[],
  options: Pick<ImportOptions, 'source' | 'now' | 'file'>,
): Promise<{ outcome: PatientOutcome; childId: string }> {
  const now = options.now ?? new Date();
  return auditedTransaction(db, actor, meta, async ({ tx, audit }) => {
    const child = await upsertChild(tx, patient, now);
    let changedOpen = 0;
    let changedConfidential = 0;
    for (const [section, rows] of groupBySection(planned)) {
      const table = sectionTables[section];
      // A child created in this transaction has no rows yet: no lookup (one round trip fewer
      // per section, most of a first load's queries).
      const existing = child.created
        ? []
        : await tx
            .select({
              id: table.id,
              sourceId: table.sourceId,
              sourceHash: table.sourceHash,
              removedAt: table.removedAt,
              removalReason: table.removalReason,
            })
            .from(table)
            .where(
              and(
                eq(table.childId, child.id),
                eq(table.sourceSystem, options.source),
                isNotNull(table.sourceId),
              ),
            );
      const bySourceId = new Map(existing.map((row) => [row.sourceId, row]));
      const inserts: Record<string, unknown>[] = [];
      for (const row of rows) {
        const { hash } = row;
        const current = bySourceId.get(row.sourceId);
        if (current?.sourceHash === hash) continue;
        if (row.confidential) changedConfidential += 1;
        else changedOpen += 1;
        if (!current) {
          inserts.push({
            ...row.columns,
            childId: child.id,
            confidential: row.confidential,
            sourceSystem: options.source,
            sourceId: row.sourceId,
            sourceHash: hash,
            sourceUpdatedAt: now,
            createdAt: now,
            updatedAt: now,
            removedAt: row.removalReason ? now : null,
            removalReason: row.removalReason,
          });
          continue;
        }
        // A clinician's own hiding stands; only the EHR's withdrawal is the EHR's to undo.
        const removal = row.removalReason
          ? current.removedAt
            ? {}
            : { removedAt: now, removalReason: row.removalReason }
          : current.removedAt && current.removalReason === ENTERED_IN_ERROR
            ? { removedAt: null, removalReason: null, removedBy: null }
            : {};
        await tx
          .update(table)
          .set({
            ...row.columns,
            ...removal,
            confidential: row.confidential,
            sourceHash: hash,
            sourceUpdatedAt: now,
            updatedAt: now,
          } as never)
          .where(eq(table.id, current.id));
      }
      if (inserts.length > 0) await insertRows(tx, table, inserts);
    }
    const outcome: PatientOutcome = child.created
      ? 'created'
      : child.updated || changedOpen + changedConfidential > 0
        ? 'updated'
        : 'unchanged';
    if (outcome !== 'unchanged')
      await audit({
        action: 'record.imported',
        childId: child.id,
        targetType: 'child',
        targetId: child.id,
        metadata: {
          source: options.source,
          outcome,
          entries: changedOpen + changedConfidential,
          // Only confidential entries changed: the parent's activity list must not hint at them.
          confidential: !child.created && !child.updated && changedOpen === 0,
        },
      });
    return { outcome, childId: child.id };
  });
}

function groupBySection(planned: PreparedRow[]) {
  const sections = new Map<keyof typeof sectionTables, PreparedRow[]>();
  for (const item of planned) {
    const list = sections.get(item.section) ?? [];
    list.push(item);
    sections.set(item.section, list);
  }
  return sections;
}

/**
 * A section's new rows in one INSERT whose text depends only on the table and the columns
 * given: the rows travel as one JSON parameter, so the statement is prepared once and reused
 * for every patient, and building it costs no per-value work (drizzle's multi-row builder was
 * a third of the importer's CPU: ~9 ms of ~26 ms a patient). Columns left out take their
 * defaults; rows giving different columns go in separate statements.
 */
async function insertRows(
  tx: Transaction,
  table: (typeof sectionTables)[keyof typeof sectionTables],
  rows: Record<string, unknown>[],
) {
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const row of rows) {
    const keys = Object.keys(row)
      .filter((key) => row[key] !== undefined)
      .sort()
      .join(',');
    groups.set(keys, [...(groups.get(keys) ?? []), row]);
  }
  for (const [signature, group] of groups) {
    const keys = signature.split(',');
    const names = keys.map((key) => {
      const column = columns[key];
      if (!column) throw new Error(`${key} is not a column of this section`);
      return column.name;
    });
    const list = sql.raw(names.map((name) => `"${name}"`).join(', '));
    const json = JSON.stringify(
      group.map((row) => Object.fromEntries(keys.map((key, i) => [names[i], row[key]]))),
    );
    await tx.execute(
      sql`insert into ${table} (${list}) select ${list} from jsonb_populate_recordset(null::${table}, ${json}::jsonb)`,
    );
  }
}
