'use server';

import { AppError, defineAction, type TransactionalHandlerArgs } from '@/lib/action';
import {
  recordEntrySchema,
  releaseResultSchema,
  releaseSummarySchema,
  removeEntrySchema,
  type RecordEntry,
} from '@/lib/records/schemas';
import {
  releaseTestResult,
  releaseVisitSummary,
  removeRecordEntry,
  saveRecordEntry,
} from '@/lib/records/write';

/** Charting is for clinicians and administrators; the front desk reads demographics only. */
const charting = { kind: 'staff', roles: ['clinical', 'admin'] } as const;

/** Adding and correcting an entry save the same way and say the same in the audit trail. */
async function saveAndDescribe(
  { tx, describeAudit }: Pick<TransactionalHandlerArgs<RecordEntry>, 'tx' | 'describeAudit'>,
  staffUserId: string,
  input: RecordEntry,
) {
  const saved = await saveRecordEntry(tx, staffUserId, input);
  describeAudit({
    childId: input.childId,
    targetType: input.section,
    targetId: saved.id,
    metadata: { section: input.section, confidential: input.confidential },
  });
  return { data: { id: saved.id } };
}

export const addChartEntry = defineAction(
  { name: 'records.add', schema: recordEntrySchema, access: charting, audit: 'record.entry_added' },
  async ({ input, tx, session, describeAudit }) =>
    saveAndDescribe({ tx, describeAudit }, session.user.id, { ...input, entryId: null }),
);

export const updateChartEntry = defineAction(
  {
    name: 'records.update',
    schema: recordEntrySchema,
    access: charting,
    audit: 'record.entry_updated',
  },
  async ({ input, tx, session, describeAudit }) => {
    if (!input.entryId) throw new AppError('invalid', 'errors.chartChooseEntry');
    return saveAndDescribe({ tx, describeAudit }, session.user.id, input);
  },
);

export const removeChartEntry = defineAction(
  {
    name: 'records.remove',
    schema: removeEntrySchema,
    access: charting,
    audit: 'record.entry_removed',
  },
  async ({ input, tx, session, describeAudit }) => {
    const { confidential } = await removeRecordEntry(tx, session.user.id, input);
    // `confidential` keeps the parents' activity page from hinting at an entry they never saw.
    describeAudit({
      childId: input.childId,
      targetType: input.section,
      targetId: input.entryId,
      metadata: { section: input.section, reasonGiven: true, confidential },
    });
    return { data: null };
  },
);

export const releaseResult = defineAction(
  {
    name: 'records.releaseResult',
    schema: releaseResultSchema,
    access: charting,
    audit: 'record.result_released',
  },
  async ({ input, tx, session, describeAudit }) => {
    const { confidential } = await releaseTestResult(tx, session.user.id, input);
    describeAudit({
      childId: input.childId,
      targetType: 'results',
      targetId: input.entryId,
      metadata: { section: 'results', withComment: input.comment !== null, confidential },
    });
    return { data: null };
  },
);

export const releaseSummary = defineAction(
  {
    name: 'records.releaseSummary',
    schema: releaseSummarySchema,
    access: charting,
    audit: 'record.summary_released',
  },
  async ({ input, tx, session, describeAudit }) => {
    const { confidential } = await releaseVisitSummary(tx, session.user.id, input);
    describeAudit({
      childId: input.childId,
      targetType: 'visits',
      targetId: input.entryId,
      metadata: { section: 'visits', confidential },
    });
    return { data: null };
  },
);
