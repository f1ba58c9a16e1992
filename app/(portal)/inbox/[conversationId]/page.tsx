import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { MessageThread } from '@/components/messaging/message-thread';
import { ReplyForm } from '@/components/messaging/reply-form';
import { getDb } from '@/db';
import { actorFor } from '@/lib/auth/actors';
import { isUuid, requireParent } from '@/lib/authz';
import { todayInPractice } from '@/lib/dates';
import { env } from '@/lib/env';
import { openConversationAsGuardian } from '@/lib/messaging/open';
import { categoryLabels } from '@/lib/messaging/schemas';
import { portalPage } from '@/lib/page';
import { currentRequestMeta } from '@/lib/request-context';

import { WritingNotice } from '../../_components/writing-notice';
import { replyToOffice } from '../actions';

export const metadata: Metadata = { title: 'Conversation' };

export default portalPage(async function ConversationPage({
  params,
}: {
  params: Promise<{ conversationId: string }>;
}) {
  const session = await requireParent();
  const { conversationId } = await params;
  if (!isUuid(conversationId)) notFound();
  const conversation = await openConversationAsGuardian(
    await getDb(),
    actorFor(session.user),
    await currentRequestMeta(),
    session.user.id,
    conversationId,
    todayInPractice(),
  );
  if (!conversation) notFound();
  const { PRACTICE_NAME } = env();
  return (
    <div className="flex flex-col gap-5">
      <p>
        <Link href="/inbox" className="text-blue-700 underline">
          ← Inbox
        </Link>
      </p>
      <div>
        <h1 className="text-2xl font-bold">{conversation.subject}</h1>
        <p className="text-slate-700">
          About {conversation.childFirstName} · {categoryLabels[conversation.category]}
        </p>
      </div>
      <MessageThread
        messages={conversation.messages.map((message) => ({
          ...message,
          authorName: message.authorKind === 'staff' ? PRACTICE_NAME : 'You',
        }))}
      />
      {conversation.status === 'open' ? (
        <section
          aria-labelledby="reply-heading"
          className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-5"
        >
          <h2 id="reply-heading" className="text-lg font-semibold">
            Reply
          </h2>
          <WritingNotice id="reply-notice" />
          <ReplyForm
            conversationId={conversation.id}
            action={replyToOffice}
            describedBy="reply-notice"
          />
        </section>
      ) : (
        <p className="rounded-md border border-slate-300 bg-slate-100 p-4">
          The office closed this conversation, so it cannot take replies. To ask something new, go
          to{' '}
          <Link href="/services/message" className="text-blue-700 underline">
            Patient Services → Send a secure message
          </Link>
          .
        </p>
      )}
    </div>
  );
});
