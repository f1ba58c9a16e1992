'use server';

import { defineAction } from '@/lib/action';
import { todayInPractice } from '@/lib/dates';
import { parentMessageLimit } from '@/lib/messaging/limits';
import { sendNewMessage } from '@/lib/messaging/parent';
import { sendMessageSchema } from '@/lib/messaging/schemas';

export const sendSecureMessage = defineAction(
  {
    name: 'messages.send',
    schema: sendMessageSchema,
    access: { kind: 'parent' },
    audit: 'message.sent',
    rateLimit: parentMessageLimit,
  },
  async ({ input, tx, session, describeAudit }) => {
    const sent = await sendNewMessage(tx, session.user.id, input, todayInPractice());
    describeAudit({
      childId: input.childId,
      targetType: 'conversation',
      targetId: sent.conversationId,
      metadata: { category: input.category, duplicate: sent.duplicate },
    });
    return {
      data: { conversationId: sent.conversationId },
      redirectTo: `/services/message/sent?conversation=${sent.conversationId}`,
    };
  },
);
