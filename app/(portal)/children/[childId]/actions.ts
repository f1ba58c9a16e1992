'use server';

import { defineAction } from '@/lib/action';
import { formatDateTime } from '@/lib/dates';
import { getLocale } from '@/lib/i18n/server';
import { createShareSchema, revokeShareSchema } from '@/lib/records/share-schemas';
import { createRecordShare, revokeRecordShare } from '@/lib/records/shares';

export const createShareLink = defineAction(
  {
    name: 'records.createShareLink',
    schema: createShareSchema,
    access: { kind: 'parent' },
    audit: 'record.share_created',
    rateLimit: {
      bucket: 'record-share-create',
      limit: 20,
      windowSeconds: 3600,
      per: 'user',
      message: 'errors.shareRateLimited',
    },
  },
  async ({ input, tx, session, describeAudit }) => {
    const created = await createRecordShare(tx, session.user.id, input);
    describeAudit({
      childId: input.childId,
      targetType: 'record_share',
      targetId: created.shareId,
      metadata: {
        shareId: created.shareId,
        validFor: input.validFor,
        withCode: input.protectWithCode,
      },
    });
    return {
      data: {
        url: created.url,
        accessCode: created.accessCode,
        expiresAt: formatDateTime(created.expiresAt, await getLocale()),
      },
    };
  },
);

export const turnOffShareLink = defineAction(
  {
    name: 'records.turnOffShareLink',
    schema: revokeShareSchema,
    access: { kind: 'parent' },
    audit: 'record.share_revoked',
  },
  async ({ input, tx, session, describeAudit }) => {
    const { childId, alreadyEnded } = await revokeRecordShare(tx, session.user.id, input.shareId);
    describeAudit({
      childId,
      targetType: 'record_share',
      targetId: input.shareId,
      metadata: { shareId: input.shareId, alreadyEnded },
    });
    return { data: { alreadyEnded } };
  },
);
