'use server';

import { defineAction } from '@/lib/action';
import { signUpSchema } from '@/lib/accounts/schemas';
import { createParentAccount } from '@/lib/accounts/sign-up';

export const signUp = defineAction(
  {
    name: 'accounts.signUp',
    schema: signUpSchema,
    access: { kind: 'anyone' },
    audit: 'account.created',
    rateLimit: { bucket: 'sign-up', limit: 30, windowSeconds: 3600, per: 'ip' },
  },
  async ({ input, tx, describeAudit, sendMail, audit }) => {
    const { userId, mail } = await createParentAccount(tx, input);
    await sendMail(mail);
    describeAudit({ targetType: 'user', targetId: userId });
    await audit({ action: 'account.verification_email_sent', targetType: 'user', targetId: userId });
    return { data: null, redirectTo: '/login?notice=created' };
  },
);
