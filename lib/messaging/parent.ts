import 'server-only';

import { and, count, desc, eq, exists, isNull, sql } from 'drizzle-orm';

import type { Db } from '@/db';
import { children, conversations, guardianships, messages } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { liveLinkCondition } from '@/lib/guardianship/access';

import type { ReplyInput, SendMessageInput } from './schemas';
import { startConversation } from './start';

const INBOX_PAGE_SIZE = 20;

/**
 * A guardian sees a conversation when it is theirs and they still have a live link to its
 * child: a revoked guardian, or one whose child came of age, loses it at once.
 */
function visibleToGuardian(guardianUserId: string, today: string) {
  return and(
    eq(conversations.guardianUserId, guardianUserId),
    exists(
      sql`(select 1 from ${guardianships} inner join ${children} on ${children.id} = ${guardianships.childId}
           where ${guardianships.childId} = ${conversations.childId} and ${liveLinkCondition(guardianUserId, today)})`,
    ),
  );
}

const unreadByGuardian = sql<boolean>`exists (select 1 from ${messages} where ${messages.conversationId} = ${conversations.id}
  and ${messages.authorKind} = 'staff' and ${messages.kind} = 'message' and ${messages.readByGuardianAt} is null)`;

/** Starts a conversation with the office. A repeated idempotency key returns the first one. */
export async function sendNewMessage(
  db: Db,
  guardianUserId: string,
  input: SendMessageInput,
  today: string,
  now = new Date(),
) {
  const [linked] = await db
    .select({ id: children.id })
    .from(guardianships)
    .innerJoin(children, eq(children.id, guardianships.childId))
    .where(and(eq(guardianships.childId, input.childId), liveLinkCondition(guardianUserId, today)));
  if (!linked)
    throw new AppError('not_found', 'errors.messageChildNotLinked', {
      fieldErrors: { childId: 'errors.messageChildNotLinked' },
    });

  const started = await startConversation(
    db,
    {
      childId: input.childId,
      guardianUserId,
      category: input.category,
      subject: input.subject,
      startedBy: 'parent',
      idempotencyKey: input.idempotencyKey,
      createdAt: now,
      lastMessageAt: now,
    },
    { authorUserId: guardianUserId, authorKind: 'parent', body: input.body },
  );
  return { ...started, duplicate: started.messageId === null };
}

export async function listInbox(db: Db, guardianUserId: string, today: string, page = 1) {
  const rows = await db
    .select({
      id: conversations.id,
      subject: conversations.subject,
      category: conversations.category,
      status: conversations.status,
      lastMessageAt: conversations.lastMessageAt,
      childFirstName: sql<string>`coalesce(${children.preferredName}, ${children.firstName})`,
      unread: unreadByGuardian,
    })
    .from(conversations)
    .innerJoin(children, eq(children.id, conversations.childId))
    .where(visibleToGuardian(guardianUserId, today))
    .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
    .limit(INBOX_PAGE_SIZE + 1)
    .offset((page - 1) * INBOX_PAGE_SIZE);
  return { rows: rows.slice(0, INBOX_PAGE_SIZE), hasMore: rows.length > INBOX_PAGE_SIZE };
}

export async function countUnreadConversations(
  db: Db,
  guardianUserId: string,
  today: string,
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(conversations)
    .where(and(visibleToGuardian(guardianUserId, today), unreadByGuardian));
  return row?.n ?? 0;
}

/** The conversation and its messages as the guardian may see them: internal notes are left out. */
export async function getGuardianConversation(
  db: Db,
  guardianUserId: string,
  conversationId: string,
  today: string,
) {
  const [conversation] = await db
    .select({
      id: conversations.id,
      childId: conversations.childId,
      subject: conversations.subject,
      category: conversations.category,
      status: conversations.status,
      createdAt: conversations.createdAt,
      childFirstName: sql<string>`coalesce(${children.preferredName}, ${children.firstName})`,
    })
    .from(conversations)
    .innerJoin(children, eq(children.id, conversations.childId))
    .where(and(eq(conversations.id, conversationId), visibleToGuardian(guardianUserId, today)));
  if (!conversation) return null;
  const thread = await db
    .select({
      id: messages.id,
      authorKind: messages.authorKind,
      body: messages.body,
      createdAt: messages.createdAt,
      readByGuardianAt: messages.readByGuardianAt,
    })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.kind, 'message')))
    .orderBy(messages.createdAt, messages.id);
  return { ...conversation, messages: thread };
}

/** Marks the office's messages read; returns how many were new, so only a real read is audited. */
export async function markReadByGuardian(
  db: Db,
  conversationId: string,
  now = new Date(),
): Promise<number> {
  const updated = await db
    .update(messages)
    .set({ readByGuardianAt: now })
    .where(
      and(
        eq(messages.conversationId, conversationId),
        eq(messages.authorKind, 'staff'),
        eq(messages.kind, 'message'),
        isNull(messages.readByGuardianAt),
      ),
    )
    .returning({ id: messages.id });
  return updated.length;
}

export async function replyAsGuardian(
  db: Db,
  guardianUserId: string,
  input: ReplyInput,
  today: string,
  now = new Date(),
) {
  const conversation = await getGuardianConversation(
    db,
    guardianUserId,
    input.conversationId,
    today,
  );
  if (!conversation) throw new AppError('not_found');
  // Lock the conversation so a reply and the office closing it cannot cross.
  const [locked] = await db
    .select({ status: conversations.status })
    .from(conversations)
    .where(eq(conversations.id, conversation.id))
    .for('update');
  if (locked?.status !== 'open') throw new AppError('conflict', 'errors.conversationClosed');
  const [message] = await db
    .insert(messages)
    .values({
      conversationId: conversation.id,
      authorUserId: guardianUserId,
      authorKind: 'parent',
      body: input.body,
      idempotencyKey: input.idempotencyKey,
      createdAt: now,
    })
    .onConflictDoNothing({
      target: [messages.conversationId, messages.idempotencyKey],
      where: sql`${messages.idempotencyKey} is not null`,
    })
    .returning({ id: messages.id });
  if (message)
    await db
      .update(conversations)
      .set({ lastMessageAt: now })
      .where(eq(conversations.id, conversation.id));
  return {
    conversationId: conversation.id,
    childId: conversation.childId,
    messageId: message?.id ?? null,
  };
}
