'use server';

import { z } from 'zod';

import { defineAction } from '@/lib/action';
import { retryUndeliveredMail } from '@/lib/mail/outbox';

export const retryUndeliveredEmail = defineAction(
  {
    name: 'mail.retry',
    schema: z.object({ mailId: z.uuid() }),
    access: { kind: 'staff', roles: ['admin'] },
    audit: 'mail.retried',
  },
  async ({ input, tx, describeAudit }) => {
    const { template } = await retryUndeliveredMail(tx, input.mailId);
    describeAudit({ targetType: 'mail', targetId: input.mailId, metadata: { template } });
    return { data: null };
  },
);
