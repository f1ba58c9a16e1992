import 'server-only';

import { and, eq, isNotNull, isNull } from 'drizzle-orm';

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

/** The columns an entry sets, checked against the chart: dates between birth and today, a real vaccine. */
function columnsFor(
  entry: RecordEntry,
  dateOfBirth: string,
  today: string,
): Record<string, unknown> {
  const { childId: _childId, entryId: _entryId, section, ...fields } = entry;
  const columns: Record<string, unknown> = { ...fields };
  for (const name of dateFields[section] ?? []) {
    const value = columns[name] as string | null | undefined;
    if (!value) continue;
    // Medicines may be planned ahead; everything else has already happened.
    if (value > today && !(section === 'medications' && name === 'endedOn')) {
      throw new AppError('invalid', 'Please correct the highlighted fields.', {
        fieldErrors: { [name]: 'This date is in the future.' },
      });
    }
    if (value < dateOfBirth) {
      throw new AppError('invalid', 'Please correct the highlighted fields.', {
        fieldErrors: { [name]: 'This date is before the child was born.' },
      });
    }
  }
  if (entry.section === 'immunizations') {
    const vaccine = getVaccine(entry.vaccine);
    if (!vaccine)
      throw new AppError('invalid', 'Please correct the highlighted fields.', {
        fieldErrors: { vaccine: 'Choose a vaccine from the list: that is not a CVX code we know.' },
      });
    delete columns.vaccine;
    columns.cvx = vaccine.code;
    columns.vaccineName = vaccine.shortDescription;
  }
  return columns;
}

async function chartedChild(db: Db, childId: string) {
  const [child] = await db
    .select({ id: children.id, dateOfBirth: children.dateOfBirth })
    .from(children)
    .where(eq(children.id, childId));
  if (!child) throw new AppError('not_found');
  return child;
}

/** Adds an entry, or edits one that belongs to this child and has not been removed. */
export async function saveRecordEntry(
  db: Db,
  staffUserId: string,
  entry: RecordEntry,
  now = new Date(),
): Promise<{ id: string; created: boolean }> {
  const child = await chartedChild(db, entry.childId);
  const columns = columnsFor(entry, child.dateOfBirth, todayInPractice(now));
  const table = sectionTables[entry.section];
  if (entry.entryId) {
    // The EHR stays the source of what it sent: an edit here would be overwritten by the next
    // import, or worse, silently disagree with it. A clinician can still hide the entry.
    const updated = await db
      .update(table)
      .set({ ...columns, updatedAt: now } as never)
      .where(
        and(
          eq(table.id, entry.entryId),
          eq(table.childId, entry.childId),
          isNull(table.removedAt),
          isNull(table.sourceId),
        ),
      )
      .returning({ id: table.id });
    if (updated.length === 0) {
      const [imported] = await db
        .select({ id: table.id })
        .from(table)
        .where(
          and(
            eq(table.id, entry.entryId),
            eq(table.childId, entry.childId),
            isNotNull(table.sourceId),
          ),
        );
      if (imported)
        throw new AppError(
          'conflict',
          'This entry came from the office’s health record system. Change it there; you can hide it here.',
        );
      throw new AppError('not_found', 'That entry is no longer on this chart. Reload the page.');
    }
    return { id: entry.entryId, created: false };
  }
  const [inserted] = await db
    .insert(table)
    .values({
      ...columns,
      childId: entry.childId,
      createdBy: staffUserId,
      createdAt: now,
      updatedAt: now,
    } as never)
    .returning({ id: table.id });
  if (!inserted) throw new Error('record insert returned no row');
  return { id: inserted.id, created: true };
}

/** Removal keeps the row (and its history) but takes it off every view, with the reason. */
export async function removeRecordEntry(
  db: Db,
  staffUserId: string,
  input: { childId: string; entryId: string; section: RecordSection; reason: string },
  now = new Date(),
): Promise<{ confidential: boolean }> {
  const table = sectionTables[input.section];
  const removed = await db
    .update(table)
    .set({
      removedAt: now,
      removedBy: staffUserId,
      removalReason: input.reason,
      updatedAt: now,
    } as never)
    .where(
      and(eq(table.id, input.entryId), eq(table.childId, input.childId), isNull(table.removedAt)),
    )
    .returning({ id: table.id, confidential: table.confidential });
  if (!removed[0])
    throw new AppError('not_found', 'That entry is no longer on this chart. Reload the page.');
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
  if (!released[0])
    throw new AppError(
      'conflict',
      'This result was already released or is no longer on the chart. Reload the page.',
    );
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
  if (!visit)
    throw new AppError('not_found', 'That visit is no longer on this chart. Reload the page.');
  if (!visit.summary)
    throw new AppError('invalid', 'Write the after-visit summary before releasing it.');
  if (visit.releasedAt) throw new AppError('conflict', 'This summary is already released.');
  await db
    .update(visits)
    .set({ summaryReleasedAt: now, summaryReleasedBy: clinicianId, updatedAt: now })
    .where(eq(visits.id, input.entryId));
  return { confidential: visit.confidential };
}
