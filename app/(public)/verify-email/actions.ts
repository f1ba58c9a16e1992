'use server';

import { confirmEmail } from '@/lib/accounts/email-verification';
import { emailVerificationSchema } from '@/lib/accounts/schemas';
import { defineAction } from '@/lib/action';

export const confirmEmailAddress = defineAction(
  {
    name: 'accounts.confirmEmail',
    schema: emailVerificationSchema,
    access: { kind: 'anyone' },
    audit: 'account.email_verified',
    rateLimit: { bucket: 'verify-email', limit: 30, windowSeconds: 900, per: 'ip' },
  },
  async ({ input, tx, describeAudit, audit }) => {
    const outcome = await confirmEmail(tx, input.token);
    if (!outcome.verified) {
      describeAudit({ metadata: { verified: false } });
      return { data: { verified: false } };
    }
    describeAudit({ targetType: 'user', targetId: outcome.userId, metadata: { verified: true } });
    if (outcome.changed)
      await audit({
        action: 'account.email_changed',
        targetType: 'user',
        targetId: outcome.userId,
        metadata: { changedFields: ['email'] },
      });
    return { data: { verified: true } };
  },
);
