'use server';

import { defineSelfAuditedAction } from '@/lib/action';
import { formatDateTime } from '@/lib/dates';
import { AppError } from '@/lib/errors';
import { openShareSchema, shareEndedMessages } from '@/lib/records/share-schemas';
import { openSharedRecord } from '@/lib/records/shares';

/**
 * "Show the record" on a share link (with the code, on a protected one). Self-audited: a wrong
 * code must be counted and audited even though the visitor is refused, so the domain commits
 * its own transaction.
 */
export const openShareWithCode = defineSelfAuditedAction(
  {
    name: 'records.openShareWithCode',
    schema: openShareSchema,
    access: { kind: 'anyone' },
    allowDuringAccountSetup: true,
    auditRefusedInput: 'record.share_refused',
    rateLimit: { bucket: 'record-share-code', limit: 30, windowSeconds: 900, per: 'ip' },
  },
  async ({ input, db, meta }) => {
    const opened = await openSharedRecord(db, meta, input.token, input.code || null);
    switch (opened.status) {
      case 'ok':
        return { data: { record: opened.record, expiresAt: formatDateTime(opened.expiresAt) } };
      case 'code_required':
        throw new AppError('invalid', 'Enter the code.', {
          fieldErrors: { code: 'Enter the 4 numbers the parent or guardian gave you.' },
        });
      case 'wrong_code':
        throw new AppError('invalid', 'That code is not right.', {
          fieldErrors: {
            code: `That code is not right. ${opened.attemptsLeft === 1 ? '1 try is' : `${opened.attemptsLeft} tries are`} left before the link stops working.`,
          },
        });
      case 'ended':
        throw new AppError('invalid', shareEndedMessages[opened.reason]);
      default:
        throw new AppError('invalid', shareEndedMessages.not_found);
    }
  },
);
