'use server';

import { z } from 'zod';

import { resendEmailVerification } from '@/lib/accounts/resend-verification';
import { defineAction } from '@/lib/action';

export const sendNewVerificationLink = defineAction(
  {
    name: 'accounts.resendVerification',
    schema: z.object({}).passthrough(),
    access: { kind: 'parent' },
    audit: 'account.verification_email_sent',
    rateLimit: { bucket: 'resend-verification', limit: 5, windowSeconds: 3600, per: 'user' },
  },
  async ({ tx, session, sendMail, describeAudit }) => {
    const user = session.user;
    const mail = await resendEmailVerification(tx, user.id);
    if (mail) await sendMail(mail);
    describeAudit({ targetType: 'user', targetId: user.id, metadata: { alreadyVerified: !mail } });
    return { data: { sent: Boolean(mail) } };
  },
);
