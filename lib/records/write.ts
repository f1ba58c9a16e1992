import 'server-only';

import { and, eq, isNotNull, isNull, type SQL } from 'drizzle-orm';

import type { Db } from '@/db';
import {
  allergies,
  children,
  immunizations,
  measurements,
  medications,
  problems,
  testResults,
  visits,
} from '@/db/schema';
import { todayInPractice } from '@/lib/dates';
import { AppError } from '@/lib/errors';

import { getVaccine } from './cvx';
import type { RecordEntry, RecordSection } from './schemas';

export const sectionTables = {
  allergies,
  medications,
  problems,
  immunizations,
  visits,
  measurements,
  results: testResults,
} as const;

const dateFields: Partial<Record<RecordSection, string[]>> = {
  allergies: ['notedOn'],
  medications: ['startedOn', 'endedOn'],
  problems: ['onsetOn'],
  immunizations: ['administeredOn'],
  visits: ['visitOn'],
  measurements: ['measuredOn'],
  results: ['collectedOn', 'resultedOn'],
};

type SectionTables = typeof sectionTables;
type SectionTable = SectionTables[RecordSection];
type EntryOf<S extends RecordSection> = Extract<RecordEntry, { section: S }>;
/** The columns an entry of section S sets, typed by that section's own table. */
type SectionValues<S extends RecordSection> = Omit<SectionTables[S]['$inferInsert'], 'childId'>;

/** Dates between birth and today: an entry's dates have happened, after the child was born. */
function checkDates(entry: RecordEntry, dateOfBirth: string, today: string): void {
  const fields: Record<string, unknown> = entry;
  for (const name of dateFields[entry.section] ?? []) {
    const value = fields[name];
    if (typeof value !== 'string' || !value) continue;
    // Medicines may be planned ahead; everything else has already happened.
    if (value > today && !(entry.section === 'medications' && name === 'endedOn')) {
      throw new AppError('invalid', 'errors.correctFields', {
        fieldErrors: { [name]: 'errors.chartDateInFuture' },
      });
    }
    if (value < dateOfBirth) {
      throw new AppError('invalid', 'errors.correctFields', {
        fieldErrors: { [name]: 'errors.chartDateBeforeBirth' },
      });
    }
  }
}

/** An immunization names a real vaccine: its CVX code and the CDC's short name are stored. */
function immunizationValues(entry: EntryOf<'immunizations'>): SectionValues<'immunizations'> {
  const { childId: _childId, entryId: _entryId, section: _section, vaccine, ...fields } = entry;
  const known = getVaccine(vaccine);
  if (!known)
    throw new AppError('invalid', 'errors.correctFields', {
      fieldErrors: { vaccine: 'errors.chartUnknownVaccine' },
    });
  return { ...fields, cvx: known.code, vaccineName: known.shortDescription };
}

/** The entry's own fields are its table's columns, once the routing fields are set aside. */
function plainValues<E extends RecordEntry>(entry: E): Omit<E, 'childId' | 'entryId' | 'section'> {
  const { childId: _childId, entryId: _entryId, section: _section, ...fields } = entry;
  return fields;
}

/**
 * One typed writer per section, so each insert and update is checked against its own table's
 * `$inferInsert` (a union of the seven tables would accept none of them).
 */
type SectionWriter<S extends RecordSection> = {
  values: (entry: EntryOf<S>) => SectionValues<S>;
  insert: (db: Db, values: SectionValues<S> & NewRowStamp) => Promise<{ id: string }[]>;
  update: (
    db: Db,
    values: Partial<SectionValues<S>>,
    where: (table: SectionTable) => SQL | undefined,
  ) => Promise<{ id: string; confidential: boolean }[]>;
};
/** Who charted a new row and when; the section's columns come from the entry. */
type NewRowStamp = { childId: string; createdBy: string; createdAt: Date; updatedAt: Date };

const sectionWriters: { [S in RecordSection]: SectionWriter<S> } = {
  allergies: {
    values: plainValues,
    insert: (db, values) => db.insert(allergies).values(values).returning({ id: allergies.id }),
    update: (db, values, where) =>
      db
        .update(allergies)
        .set(values)
        .where(where(allergies))
        .returning({ id: allergies.id, confidential: allergies.confidential }),
  },
  medications: {
    values: plainValues,
    insert: (db, values) => db.insert(medications).values(values).returning({ id: medications.id }),
    update: (db, values, where) =>
      db
        .update(medications)
        .set(values)
        .where(where(medications))
        .returning({ id: medications.id, confidential: medications.confidential }),
  },
  problems: {
    values: plainValues,
    insert: (db, values) => db.insert(problems).values(values).returning({ id: problems.id }),
    update: (db, values, where) =>
      db
        .update(problems)
        .set(values)
        .where(where(problems))
        .returning({ id: problems.id, confidential: problems.confidential }),
  },
  immunizations: {
    values: immunizationValues,
    insert: (db, values) =>
      db.insert(immunizations).values(values).returning({ id: immunizations.id }),
    update: (db, values, where) =>
      db
        .update(immunizations)
        .set(values)
        .where(where(immunizations))
        .returning({ id: immunizations.id, confidential: immunizations.confidential }),
  },
  visits: {
    values: plainValues,
    insert: (db, values) => db.insert(visits).values(values).returning({ id: visits.id }),
    update: (db, values, where) =>
      db
        .update(visits)
        .set(values)
        .where(where(visits))
        .returning({ id: visits.id, confidential: visits.confidential }),
  },
  measurements: {
    values: plainValues,
    insert: (db, values) =>
      db.insert(measurements).values(values).returning({ id: measurements.id }),
    update: (db, values, where) =>
      db
        .update(measurements)
        .set(values)
        .where(where(measurements))
        .returning({ id: measurements.id, confidential: measurements.confidential }),
  },
  results: {
    values: plainValues,
    insert: (db, values) => db.insert(testResults).values(values).returning({ id: testResults.id }),
    update: (db, values, where) =>
      db
        .update(testResults)
        .set(values)
        .where(where(testResults))
        .returning({ id: testResults.id, confidential: testResults.confidential }),
  },
};

async function chartedChild(db: Db, childId: string) {
  const [child] = await db
    .select({ id: children.id, dateOfBirth: children.dateOfBirth })
    .from(children)
    .where(eq(children.id, childId));
  if (!child) throw new AppError('not_found');
  return child;
}

/** Adds an entry, or edits one that belongs to this child and has not been removed. */
export async function saveRecordEntry<S extends RecordSection>(
  db: Db,
  staffUserId: string,
  entry: EntryOf<S>,
  now = new Date(),
): Promise<{ id: string; created: boolean }> {
  const child = await chartedChild(db, entry.childId);
  checkDates(entry, child.dateOfBirth, todayInPractice(now));
  const section: S = entry.section;
  const writer: SectionWriter<S> = sectionWriters[section];
  const values = writer.values(entry);
  if (entry.entryId) {
    const entryId = entry.entryId;
    // The EHR stays the source of what it sent: an edit here would be overwritten by the next
    // import, or worse, silently disagree with it. A clinician can still hide the entry.
    const updated = await writer.update(db, { ...values, updatedAt: now }, (table) =>
      and(
        eq(table.id, entryId),
        eq(table.childId, entry.childId),
        isNull(table.removedAt),
        isNull(table.sourceId),
      ),
    );
    if (updated.length === 0)
      await explainMissedEdit(db, sectionTables[section], entry.childId, entryId);
    return { id: entryId, created: false };
  }
  const [inserted] = await writer.insert(db, {
    ...values,
    childId: entry.childId,
    createdBy: staffUserId,
    createdAt: now,
    updatedAt: now,
  });
  if (!inserted) throw new Error('record insert returned no row');
  return { id: inserted.id, created: true };
}

/** An edit that changed no row: the entry came from the EHR, or it is gone. Always throws. */
async function explainMissedEdit(
  db: Db,
  table: SectionTable,
  childId: string,
  entryId: string,
): Promise<never> {
  const [imported] = await db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.id, entryId), eq(table.childId, childId), isNotNull(table.sourceId)));
  if (imported) throw new AppError('conflict', 'errors.chartEntryImported');
  throw new AppError('not_found', 'errors.chartEntryGone');
}

/** Removal keeps the row (and its history) but takes it off every view, with the reason. */
export async function removeRecordEntry(
  db: Db,
  staffUserId: string,
  input: { childId: string; entryId: string; section: RecordSection; reason: string },
  now = new Date(),
): Promise<{ confidential: boolean }> {
  const removed = await sectionWriters[input.section].update(
    db,
    { removedAt: now, removedBy: staffUserId, removalReason: input.reason, updatedAt: now },
    (table) =>
      and(eq(table.id, input.entryId), eq(table.childId, input.childId), isNull(table.removedAt)),
  );
  if (!removed[0]) throw new AppError('not_found', 'errors.chartEntryGone');
  return { confidential: removed[0].confidential };
}

export async function releaseTestResult(
  db: Db,
  clinicianId: string,
  input: { childId: string; entryId: string; comment: string | null },
  now = new Date(),
): Promise<{ confidential: boolean }> {
  const released = await db
    .update(testResults)
    .set({
      releasedAt: now,
      releasedBy: clinicianId,
      releaseComment: input.comment,
      updatedAt: now,
    })
    .where(
      and(
        eq(testResults.id, input.entryId),
        eq(testResults.childId, input.childId),
        isNull(testResults.removedAt),
        isNull(testResults.releasedAt),
      ),
    )
    .returning({ id: testResults.id, confidential: testResults.confidential });
  if (!released[0]) throw new AppError('conflict', 'errors.chartResultGone');
  return { confidential: released[0].confidential };
}

export async function releaseVisitSummary(
  db: Db,
  clinicianId: string,
  input: { childId: string; entryId: string },
  now = new Date(),
): Promise<{ confidential: boolean }> {
  const [visit] = await db
    .select({
      summary: visits.summary,
      releasedAt: visits.summaryReleasedAt,
      confidential: visits.confidential,
    })
    .from(visits)
    .where(
      and(
        eq(visits.id, input.entryId),
        eq(visits.childId, input.childId),
        isNull(visits.removedAt),
      ),
    );
  if (!visit) throw new AppError('not_found', 'errors.chartVisitGone');
  if (!visit.summary) throw new AppError('invalid', 'errors.chartSummaryEmpty');
  if (visit.releasedAt) throw new AppError('conflict', 'errors.chartSummaryReleased');
  await db
    .update(visits)
    .set({ summaryReleasedAt: now, summaryReleasedBy: clinicianId, updatedAt: now })
    .where(eq(visits.id, input.entryId));
  return { confidential: visit.confidential };
}
