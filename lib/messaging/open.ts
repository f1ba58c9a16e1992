import type { Database } from '@/db';
import type { StaffRole } from '@/db/schema';
import type { Actor, RequestMeta } from '@/lib/audit/events';
import { auditedTransaction } from '@/lib/audit/transaction';
import { getGuardianConversation, markReadByGuardian } from './parent';
import { getStaffConversation, markReadByStaff } from './staff';

/**
 * Opening a conversation is a view of a child's information and, the first time, a read:
 * both are recorded. Returns null when the viewer may not see it (the page answers 404).
 */
export async function openConversationAsGuardian(db: Database, actor: Actor, meta: RequestMeta, guardianUserId: string, conversationId: string, today: string) {
  return auditedTransaction(db, actor, meta, async ({ tx, audit }) => {
    const conversation = await getGuardianConversation(tx, guardianUserId, conversationId, today);
    if (!conversation) return null;
    const newlyRead = await markReadByGuardian(tx, conversationId);
    await audit({
      action: newlyRead > 0 ? 'message.read' : 'record.viewed',
      childId: conversation.childId,
      targetType: 'conversation',
      targetId: conversationId,
      metadata: newlyRead > 0 ? { messagesRead: newlyRead } : { section: 'conversation' },
    });
    return conversation;
  });
}

export async function openConversationAsStaff(db: Database, actor: Actor, meta: RequestMeta, roles: StaffRole[], conversationId: string) {
  return auditedTransaction(db, actor, meta, async ({ tx, audit }) => {
    const conversation = await getStaffConversation(tx, roles, conversationId);
    if (!conversation) return null;
    const newlyRead = await markReadByStaff(tx, conversationId);
    await audit({
      action: newlyRead > 0 ? 'message.read' : 'record.viewed',
      childId: conversation.childId,
      targetType: 'conversation',
      targetId: conversationId,
      metadata: newlyRead > 0 ? { messagesRead: newlyRead } : { section: 'conversation' },
    });
    return conversation;
  });
}
