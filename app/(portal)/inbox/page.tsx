import type { Metadata } from 'next';
import Link from 'next/link';

import { Pager } from '@/components/ui/pager';
import { getDb } from '@/db';
import { requireParent } from '@/lib/authz';
import { formatDateTime, todayInPractice } from '@/lib/dates';
import { getLocale, getT } from '@/lib/i18n/server';
import { listInbox } from '@/lib/messaging/parent';
import { portalPage } from '@/lib/page';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT('messaging.inbox'))('title') };
}

export default portalPage(async function InboxPage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string }>;
}) {
  const session = await requireParent();
  const page = Math.max(1, Math.min(10_000, Number((await searchParams).page) || 1));
  const [{ rows, hasMore }, t, tCategory, locale] = await Promise.all([
    listInbox(await getDb(), session.user.id, todayInPractice(), page),
    getT('messaging.inbox'),
    getT('messageForms.categories'),
    getLocale(),
  ]);
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      {/* No compose button here, by design: new messages start in Patient Services. */}
      <p>
        {t.rich('howToWrite', {
          link: (chunks) => (
            <Link href="/services/message" className="text-blue-700 underline">
              {chunks}
            </Link>
          ),
        })}
      </p>
      {rows.length === 0 && page === 1 ? <p>{t('empty')}</p> : null}
      <ul className="flex flex-col gap-2">
        {rows.map((conversation) => (
          <li key={conversation.id}>
            <Link
              href={`/inbox/${conversation.id}`}
              className={`block rounded-lg border bg-white p-4 hover:border-brand-600 ${conversation.unread ? 'border-brand-600 border-l-4' : 'border-slate-200'}`}
            >
              <span className="flex flex-wrap items-baseline justify-between gap-2">
                <span
                  className={
                    conversation.unread
                      ? 'font-bold text-brand-800'
                      : 'font-semibold text-slate-900'
                  }
                >
                  {conversation.unread ? (
                    <span className="mr-2 rounded bg-brand-600 px-2 py-0.5 text-xs font-semibold text-white">
                      {t('newReply')}
                    </span>
                  ) : null}
                  {conversation.subject}
                </span>
                <span className="text-sm text-slate-700">
                  {formatDateTime(conversation.lastMessageAt, locale)}
                </span>
              </span>
              <span className="block text-sm text-slate-700">
                {t('about', {
                  child: conversation.childFirstName,
                  category: tCategory(conversation.category),
                })}
                {conversation.status === 'closed' ? ` · ${t('closed')}` : ''}
              </span>
            </Link>
          </li>
        ))}
      </ul>
      <Pager
        page={page}
        hasMore={hasMore}
        hrefFor={(next) => `/inbox?page=${next}`}
        label={t('pages')}
        previousLabel={t('newer')}
        nextLabel={t('older')}
      />
    </div>
  );
});
