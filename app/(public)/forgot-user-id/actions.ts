'use server';

import { forgotUserIdSchema } from '@/lib/accounts/schemas';
import { requestUserIdReminder } from '@/lib/accounts/user-id-reminder';
import { defineAction } from '@/lib/action';

export const emailMyUserId = defineAction(
  {
    name: 'accounts.forgotUserId',
    schema: forgotUserIdSchema,
    access: { kind: 'anyone' },
    audit: 'account.user_id_reminder_requested',
    rateLimit: { bucket: 'user-id-reminders', limit: 20, windowSeconds: 900, per: 'ip' },
  },
  async ({ input, tx, meta, sendMail, describeAudit }) => {
    const { userId, mail } = await requestUserIdReminder(tx, input.email, meta.requestId);
    if (mail) await sendMail(mail);
    describeAudit({
      targetType: userId ? 'user' : null,
      targetId: userId,
      metadata: { accountFound: Boolean(userId) },
    });
    return { data: null, redirectTo: '/forgot-user-id?sent=1' };
  },
);
