import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { getDb } from '@/db';
import { isUuid, requireParent } from '@/lib/authz';
import { todayInPractice } from '@/lib/dates';
import { getLocale, getT } from '@/lib/i18n/server';
import { replyTime } from '@/lib/messaging/categories';
import { getGuardianConversation } from '@/lib/messaging/parent';
import { portalPage } from '@/lib/page';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT('messaging.sent'))('title') };
}

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
  const [t, locale] = await Promise.all([getT('messaging.sent'), getLocale()]);
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <p>
        {t.rich('replyTime', {
          time: replyTime(conversation.category, locale),
          strong: (chunks) => <strong>{chunks}</strong>,
        })}
      </p>
      <p>{t('worse')}</p>
      <p className="flex flex-wrap gap-4">
        <Link href={`/inbox/${conversation.id}`} className="text-blue-700 underline">
          {t('seeConversation')}
        </Link>
        <Link href="/inbox" className="text-blue-700 underline">
          {t('goToInbox')}
        </Link>
      </p>
    </div>
  );
});
