import 'server-only';

import type { Database } from '@/db';
import type { Actor, RequestMeta } from '@/lib/audit/events';
import { auditedTransaction, type AuditedTransaction } from '@/lib/audit/transaction';
import type { StaffRole } from '@/lib/staff/vocabulary';

import { getGuardianConversation, markReadByGuardian } from './parent';
import { getStaffConversation, markReadByStaff } from './staff';

/** A first read is recorded as a read; later openings as views. */
function recordOpening(
  audit: AuditedTransaction['audit'],
  childId: string,
  conversationId: string,
  newlyRead: number,
) {
  return audit({
    action: newlyRead > 0 ? 'message.read' : 'record.viewed',
    childId,
    targetType: 'conversation',
    targetId: conversationId,
    metadata: newlyRead > 0 ? { messagesRead: newlyRead } : { section: 'conversation' },
  });
}

/**
 * Opening a conversation is a view of a child's information and, the first time, a read:
 * both are recorded. Returns null when the viewer may not see it (the page answers 404).
 */
export async function openConversationAsGuardian(
  db: Database,
  actor: Actor,
  meta: RequestMeta,
  guardianUserId: string,
  conversationId: string,
  today: string,
) {
  return auditedTransaction(db, actor, meta, async ({ tx, audit }) => {
    const conversation = await getGuardianConversation(tx, guardianUserId, conversationId, today);
    if (!conversation) return null;
    const newlyRead = await markReadByGuardian(tx, conversationId);
    await recordOpening(audit, conversation.childId, conversationId, newlyRead);
    return conversation;
  });
}

export async function openConversationAsStaff(
  db: Database,
  actor: Actor,
  meta: RequestMeta,
  roles: StaffRole[],
  conversationId: string,
) {
  return auditedTransaction(db, actor, meta, async ({ tx, audit }) => {
    const conversation = await getStaffConversation(tx, roles, conversationId);
    if (!conversation) return null;
    const newlyRead = await markReadByStaff(tx, conversationId);
    await recordOpening(audit, conversation.childId, conversationId, newlyRead);
    return conversation;
  });
}
