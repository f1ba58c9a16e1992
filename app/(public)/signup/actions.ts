'use server';

import { signUpSchema } from '@/lib/accounts/schemas';
import { createParentAccount } from '@/lib/accounts/sign-up';
import { defineAction } from '@/lib/action';

export const signUp = defineAction(
  {
    name: 'accounts.signUp',
    schema: signUpSchema,
    access: { kind: 'anyone' },
    audit: 'account.created',
    rateLimit: { bucket: 'sign-up', limit: 30, windowSeconds: 3600, per: 'ip' },
  },
  async ({ input, tx, describeAudit, sendMail, audit }) => {
    const outcome = await createParentAccount(tx, input);
    await sendMail(outcome.mail);
    if (!outcome.created) {
      // The same answer as for a new account: only the owner of the address learns of the attempt.
      describeAudit({ targetType: 'user', targetId: outcome.existingUserId });
      return {
        data: null,
        redirectTo: '/login?notice=created',
        auditAs: { action: 'account.sign_up_email_taken', outcome: 'denied' },
      };
    }
    describeAudit({ targetType: 'user', targetId: outcome.userId });
    await audit({
      action: 'account.verification_email_sent',
      targetType: 'user',
      targetId: outcome.userId,
    });
    return { data: null, redirectTo: '/login?notice=created' };
  },
);
