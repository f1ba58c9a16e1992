'use server';

import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '@/db/schema';
import { defineAction } from '@/lib/action';

export const setMessageEmails = defineAction(
  { name: 'account.setMessageEmails', schema: z.object({ messageEmails: z.boolean() }), access: { kind: 'parent' }, audit: 'account.preferences_changed' },
  async ({ input, tx, session, describeAudit }) => {
    await tx.update(users).set({ messageEmails: input.messageEmails }).where(eq(users.id, session!.user.id));
    describeAudit({ targetType: 'user', targetId: session!.user.id, metadata: { changedFields: ['messageEmails'], messageEmails: input.messageEmails } });
    return { data: { messageEmails: input.messageEmails } };
  },
);
