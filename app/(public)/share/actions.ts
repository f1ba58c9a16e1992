'use server';

import { defineSelfAuditedAction } from '@/lib/action';
import { formatDateTime } from '@/lib/dates';
import { AppError } from '@/lib/errors';
import { getLocale } from '@/lib/i18n/server';
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
    const locale = await getLocale();
    const opened = await openSharedRecord(
      db,
      meta,
      input.token,
      input.code || null,
      undefined,
      locale,
    );
    switch (opened.status) {
      case 'ok':
        return {
          data: { record: opened.record, expiresAt: formatDateTime(opened.expiresAt, locale) },
        };
      case 'code_required':
        throw new AppError('invalid', 'errors.shareCodeRequired', {
          fieldErrors: { code: 'validation.shareCode' },
        });
      case 'wrong_code':
        throw new AppError('invalid', 'errors.shareWrongCode', {
          fieldErrors: { code: 'errors.shareWrongCodeLeft' },
          values: { attemptsLeft: opened.attemptsLeft },
        });
      case 'ended':
        throw new AppError('invalid', shareEndedMessages[opened.reason]);
      default:
        throw new AppError('invalid', shareEndedMessages.not_found);
    }
  },
);
