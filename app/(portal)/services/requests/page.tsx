import type { Metadata } from 'next';
import Link from 'next/link';

import { getDb } from '@/db';
import { requireParent } from '@/lib/authz';
import { formatDay, todayInPractice } from '@/lib/dates';
import { listLinkedChildren } from '@/lib/guardianship/access';
import { getLocale, getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';
import { listGuardianRequests } from '@/lib/requests/parent';
import { requestKinds } from '@/lib/requests/vocabulary';

import { RequestNotice } from './_components/request-notice';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getT('requests.index');
  return { title: t('title') };
}

export default portalPage(async function RequestsPage() {
  const session = await requireParent();
  const db = await getDb();
  const today = todayInPractice();
  const [linked, requests, t, locale] = await Promise.all([
    listLinkedChildren(db, session.user.id, today),
    listGuardianRequests(db, session.user.id, today),
    getT('requests'),
    getLocale(),
  ]);
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-5">
      <h1 className="text-2xl font-bold">{t('index.title')}</h1>
      <p>{t('index.intro')}</p>
      <p>
        <Link href="/help/requests" className="text-blue-700 underline">
          {t('help.index')}
        </Link>
      </p>
      <RequestNotice id="request-notice" />
      {linked.length === 0 ? (
        <p>
          {t.rich('index.noChildren', {
            link: (chunks) => (
              <Link href="/children/link" className="text-blue-700 underline">
                {chunks}
              </Link>
            ),
          })}
        </p>
      ) : (
        <section aria-labelledby="new-request-heading" className="flex flex-col gap-3">
          <h2 id="new-request-heading" className="text-lg font-semibold">
            {t('index.newHeading')}
          </h2>
          <ul className="grid gap-3 sm:grid-cols-2">
            {requestKinds.map((kind) => (
              <li key={kind}>
                <Link
                  href={`/services/requests/new/${kind}`}
                  className="flex h-full flex-col gap-1 rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-600"
                >
                  <span className="font-semibold text-blue-700 underline">
                    {t(`kinds.${kind}`)}
                  </span>
                  <span className="text-sm text-slate-700">{t(`kindHints.${kind}`)}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="your-requests-heading" className="flex flex-col gap-3">
        <h2 id="your-requests-heading" className="text-lg font-semibold">
          {t('index.yourRequests')}
        </h2>
        {requests.length === 0 ? (
          <p>{t('index.none')}</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {requests.map((request) => (
              <li
                key={request.id}
                className="flex flex-wrap items-center justify-between gap-2 p-3"
              >
                <Link
                  href={`/services/requests/${request.id}`}
                  className="font-medium text-blue-700 underline"
                >
                  {t('detail.title', {
                    kind: t(`kindNames.${request.kind}`),
                    name: request.childFirstName,
                  })}
                </Link>
                <span className="text-sm text-slate-700">
                  {t(`statuses.${request.status}`)} ·{' '}
                  {t('index.made', { date: formatDay(request.createdAt, locale) })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
});
