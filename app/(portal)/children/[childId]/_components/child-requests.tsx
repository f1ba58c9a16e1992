import Link from 'next/link';

import { getDb } from '@/db';
import { formatDay } from '@/lib/dates';
import { getLocale, getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';
import { listGuardianRequests } from '@/lib/requests/parent';

/** The child's Patient Services requests and where each stands; the page has checked the link. */
export const ChildRequests = portalPage(async function ChildRequests({
  childId,
  name,
  guardianUserId,
  today,
}: {
  childId: string;
  name: string;
  guardianUserId: string;
  today: string;
}) {
  const [requests, t, locale] = await Promise.all([
    listGuardianRequests(await getDb(), guardianUserId, today, childId),
    getT('requests'),
    getLocale(),
  ]);
  return (
    <section
      id="requests"
      aria-labelledby="child-requests-heading"
      className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-4"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="child-requests-heading" className="text-lg font-semibold">
          {t('child.heading')}
        </h2>
        <Link
          href="/services/requests"
          className="inline-flex min-h-11 items-center font-medium text-blue-700 underline"
        >
          {t('child.make')}
        </Link>
      </div>
      {requests.length === 0 ? (
        <p className="text-slate-700">{t('child.none', { name })}</p>
      ) : (
        <ul className="flex flex-col gap-1">
          {requests.slice(0, 5).map((request) => (
            <li key={request.id}>
              <Link
                href={`/services/requests/${request.id}`}
                className="inline-flex min-h-11 items-center text-blue-700 underline"
              >
                {t('child.line', {
                  kind: t(`kindNames.${request.kind}`),
                  status: t(`statuses.${request.status}`),
                })}
              </Link>{' '}
              <span className="text-sm text-slate-600">
                {t('index.made', { date: formatDay(request.createdAt, locale) })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
});
