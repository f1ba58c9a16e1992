import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { ReplyForm } from '@/components/messaging/deferred-reply-form';
import { MessageThread } from '@/components/messaging/message-thread';
import { getDb } from '@/db';
import { actorFor } from '@/lib/auth/actors';
import { isUuid, requireParent } from '@/lib/authz';
import { todayInPractice } from '@/lib/dates';
import { env } from '@/lib/env';
import { getT } from '@/lib/i18n/server';
import { openConversationAsGuardian } from '@/lib/messaging/open';
import { portalPage } from '@/lib/page';
import { currentRequestMeta } from '@/lib/request-context';

import { WritingNotice } from '../../_components/writing-notice';
import { replyToOffice } from '../actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT('messaging.conversation'))('title') };
}

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
  const [t, tInbox, tCategory] = await Promise.all([
    getT('messaging.conversation'),
    getT('messaging.inbox'),
    getT('messageForms.categories'),
  ]);
  const servicesLink = (chunks: React.ReactNode) => (
    <Link href="/services/message" className="text-blue-700 underline">
      {chunks}
    </Link>
  );
  return (
    <div className="flex flex-col gap-5">
      <p>
        <Link href="/inbox" className="text-blue-700 underline">
          {t('back')}
        </Link>
      </p>
      <div>
        <h1 className="text-2xl font-bold">{conversation.subject}</h1>
        <p className="text-slate-700">
          {tInbox('about', {
            child: conversation.childFirstName,
            category: tCategory(conversation.category),
          })}
        </p>
      </div>
      <MessageThread
        messages={conversation.messages.map((message) => ({
          ...message,
          authorName: message.authorKind === 'staff' ? PRACTICE_NAME : t('you'),
        }))}
      />
      {conversation.status === 'open' ? (
        <section
          aria-labelledby="reply-heading"
          className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-5"
        >
          <h2 id="reply-heading" className="text-lg font-semibold">
            {t('reply')}
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
          {t.rich('closed', { link: servicesLink })}
        </p>
      )}
    </div>
  );
});
