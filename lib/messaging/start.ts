import 'server-only';

import { and, eq, sql } from 'drizzle-orm';

import type { Db } from '@/db';
import { conversations, messages } from '@/db/schema';

type NewConversation = typeof conversations.$inferInsert & { idempotencyKey: string };
type FirstMessage = Pick<typeof messages.$inferInsert, 'authorUserId' | 'authorKind' | 'body'>;

/**
 * Starts a conversation with its first message, once per idempotency key. One statement
 * decides: a double click, a resubmit or a retry after a timeout finds the conversation the
 * first request created, and `messageId` is null.
 */
export async function startConversation(
  db: Db,
  conversation: NewConversation,
  first: FirstMessage,
): Promise<{ conversationId: string; messageId: string | null }> {
  const [created] = await db
    .insert(conversations)
    .values(conversation)
    .onConflictDoNothing({
      target: [conversations.guardianUserId, conversations.idempotencyKey],
      where: sql`${conversations.idempotencyKey} is not null`,
    })
    .returning({ id: conversations.id });
  if (!created) {
    const [existing] = await db
      .select({ id: conversations.id })
      .from(conversations)
      .where(
        and(
          eq(conversations.guardianUserId, conversation.guardianUserId),
          eq(conversations.idempotencyKey, conversation.idempotencyKey),
        ),
      );
    return { conversationId: existing!.id, messageId: null };
  }
  const [message] = await db
    .insert(messages)
    .values({ ...first, conversationId: created.id, createdAt: conversation.createdAt })
    .returning({ id: messages.id });
  return { conversationId: created.id, messageId: message!.id };
}
