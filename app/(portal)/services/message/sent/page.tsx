import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { getDb } from '@/db';
import { isUuid, requireParent } from '@/lib/authz';
import { todayInPractice } from '@/lib/dates';
import { replyTime } from '@/lib/messaging/categories';
import { getGuardianConversation } from '@/lib/messaging/parent';
import { portalPage } from '@/lib/page';

export const metadata: Metadata = { title: 'Message sent' };

export default portalPage(async function MessageSentPage({
  searchParams,
}: {
  searchParams: Promise<{ conversation?: string }>;
}) {
  const session = await requireParent();
  const { conversation: conversationId = '' } = await searchParams;
  if (!isUuid(conversationId)) notFound();
  const conversation = await getGuardianConversation(
    await getDb(),
    session.user.id,
    conversationId,
    todayInPractice(),
  );
  if (!conversation) notFound();
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4">
      <h1 className="text-2xl font-bold">Your message was sent</h1>
      <p>
        The office usually answers within <strong>{replyTime(conversation.category)}</strong>. We
        will email you when there is a reply, and it will be in your Inbox.
      </p>
      <p>
        If your child gets worse before then, call the office. In an emergency, call 911 or go to
        the nearest emergency room.
      </p>
      <p className="flex flex-wrap gap-4">
        <Link href={`/inbox/${conversation.id}`} className="text-blue-700 underline">
          See the conversation
        </Link>
        <Link href="/inbox" className="text-blue-700 underline">
          Go to your Inbox
        </Link>
      </p>
    </div>
  );
});
