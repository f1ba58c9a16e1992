'use server';

import { defineAction } from '@/lib/action';
import { todayInPractice } from '@/lib/dates';
import { parentMessageLimit } from '@/lib/messaging/limits';
import { replyAsGuardian } from '@/lib/messaging/parent';
import { replySchema } from '@/lib/messaging/schemas';

export const replyToOffice = defineAction(
  {
    name: 'messages.parentReply',
    schema: replySchema,
    access: { kind: 'parent' },
    audit: 'message.replied',
    rateLimit: parentMessageLimit,
  },
  async ({ input, tx, session, describeAudit }) => {
    const reply = await replyAsGuardian(tx, session.user.id, input, todayInPractice());
    describeAudit({
      childId: reply.childId,
      targetType: 'conversation',
      targetId: reply.conversationId,
      metadata: { messageId: reply.messageId, duplicate: reply.messageId === null },
    });
    return { data: { conversationId: reply.conversationId } };
  },
);
