import 'server-only';

import { and, asc, desc, eq, exists, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';

import type { Db } from '@/db';
import {
  allergies,
  children,
  guardianships,
  immunizations,
  measurements,
  medications,
  problems,
  testResults,
  visits,
} from '@/db/schema';
import { liveLinkCondition } from '@/lib/guardianship/access';

/**
 * Who is reading. Guardians see a child only through a live link, and never confidential
 * items, unreleased results or unreleased visit summaries; staff with a clinical role see the
 * whole chart. The rules live in the queries themselves, so a page cannot forget one.
 */
export type RecordViewer =
  { kind: 'guardian'; userId: string; today: string } | { kind: 'clinical_staff' };

type RecordTable =
  | typeof allergies
  | typeof medications
  | typeof problems
  | typeof immunizations
  | typeof visits
  | typeof measurements
  | typeof testResults;

function guardianLink(userId: string, childId: string, today: string): SQL {
  return exists(
    sql`(select 1 from ${guardianships} inner join ${children} on ${children.id} = ${guardianships.childId} where ${and(liveLinkCondition(userId, today), eq(guardianships.childId, childId))})`,
  );
}

/** The rows of one section this viewer may see: never removed ones; for guardians, never confidential ones. */
function visibleRows(table: RecordTable, viewer: RecordViewer, childId: string): SQL {
  const base = and(eq(table.childId, childId), isNull(table.removedAt))!;
  if (viewer.kind === 'clinical_staff') return base;
  return and(
    base,
    eq(table.confidential, false),
    guardianLink(viewer.userId, childId, viewer.today),
  )!;
}

async function readAllergies(db: Db, viewer: RecordViewer, childId: string) {
  return db
    .select()
    .from(allergies)
    .where(visibleRows(allergies, viewer, childId))
    .orderBy(asc(allergies.status), desc(allergies.notedOn), desc(allergies.createdAt));
}

async function readMedications(db: Db, viewer: RecordViewer, childId: string) {
  return db
    .select()
    .from(medications)
    .where(visibleRows(medications, viewer, childId))
    .orderBy(asc(medications.status), desc(medications.startedOn), desc(medications.createdAt));
}

async function readProblems(db: Db, viewer: RecordViewer, childId: string) {
  return db
    .select()
    .from(problems)
    .where(visibleRows(problems, viewer, childId))
    .orderBy(asc(problems.status), desc(problems.onsetOn), desc(problems.createdAt));
}

/** Doses given. A dose the EHR sent as not given never counts towards the schedule or prints. */
export async function readImmunizations(db: Db, viewer: RecordViewer, childId: string) {
  return db
    .select()
    .from(immunizations)
    .where(and(visibleRows(immunizations, viewer, childId), eq(immunizations.refused, false)))
    .orderBy(desc(immunizations.administeredOn), asc(immunizations.vaccineName));
}

/** Doses the EHR recorded as not given (refused): for the clinical team only. */
export async function readRefusedImmunizations(db: Db, viewer: RecordViewer, childId: string) {
  if (viewer.kind !== 'clinical_staff') return [];
  return db
    .select()
    .from(immunizations)
    .where(and(visibleRows(immunizations, viewer, childId), eq(immunizations.refused, true)))
    .orderBy(desc(immunizations.administeredOn), asc(immunizations.vaccineName));
}

async function readVisits(db: Db, viewer: RecordViewer, childId: string) {
  const rows = await db
    .select()
    .from(visits)
    .where(visibleRows(visits, viewer, childId))
    .orderBy(desc(visits.visitOn), desc(visits.createdAt));
  // A guardian sees that a visit happened, but its summary only once a clinician releases it.
  return viewer.kind === 'guardian'
    ? rows.map((row) => ({ ...row, summary: row.summaryReleasedAt ? row.summary : null }))
    : rows;
}

export async function readMeasurements(db: Db, viewer: RecordViewer, childId: string) {
  return db
    .select()
    .from(measurements)
    .where(visibleRows(measurements, viewer, childId))
    .orderBy(desc(measurements.measuredOn), desc(measurements.createdAt));
}

async function readResults(db: Db, viewer: RecordViewer, childId: string) {
  const released = viewer.kind === 'guardian' ? isNotNull(testResults.releasedAt) : undefined;
  return db
    .select()
    .from(testResults)
    .where(and(visibleRows(testResults, viewer, childId), released))
    .orderBy(
      desc(sql`coalesce(${testResults.resultedOn}, ${testResults.collectedOn})`),
      desc(testResults.createdAt),
    );
}

export type ChildRecord = Awaited<ReturnType<typeof readChildRecord>>;

/** Every section at once, for the record page. */
export async function readChildRecord(db: Db, viewer: RecordViewer, childId: string) {
  const [
    allergyRows,
    medicationRows,
    problemRows,
    immunizationRows,
    visitRows,
    measurementRows,
    resultRows,
  ] = await Promise.all([
    readAllergies(db, viewer, childId),
    readMedications(db, viewer, childId),
    readProblems(db, viewer, childId),
    readImmunizations(db, viewer, childId),
    readVisits(db, viewer, childId),
    readMeasurements(db, viewer, childId),
    readResults(db, viewer, childId),
  ]);
  return {
    allergies: allergyRows,
    medications: medicationRows,
    problems: problemRows,
    immunizations: immunizationRows,
    visits: visitRows,
    measurements: measurementRows,
    results: resultRows,
  };
}
