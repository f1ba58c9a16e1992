import Link from 'next/link';

import { getDb } from '@/db';
import { formatDay } from '@/lib/dates';
import { getLocale, getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';
import { overdueRequests } from '@/lib/requests/staff';
import { kindsFor } from '@/lib/requests/vocabulary';
import type { StaffRole } from '@/lib/staff/vocabulary';

/** The office home's line on requests past their due date, in this person's queues. */
export const OverdueRequests = portalPage(async function OverdueRequests({
  roles,
}: {
  roles: StaffRole[];
}) {
  if (kindsFor(roles).length === 0) return null;
  const [overdue, t, locale] = await Promise.all([
    overdueRequests(await getDb(), roles),
    getT('staffRequests'),
    getLocale(),
  ]);
  return (
    <section
      aria-labelledby="overdue-requests-heading"
      className="rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id="overdue-requests-heading" className="text-lg font-semibold">
        {t('home.heading')}
      </h2>
      {overdue.total === 0 ? (
        <p>{t('home.none')}</p>
      ) : (
        <>
          <p className="font-medium text-red-800">{t('home.count', { count: overdue.total })}</p>
          <ul className="mt-2 flex flex-col gap-1">
            {overdue.rows.map((row) => (
              <li key={row.id}>
                <Link href={`/staff/requests/${row.id}`} className="text-blue-700 underline">
                  {t('home.line', {
                    kind: t(`kinds.${row.kind}`),
                    name: `${row.childFirstName} ${row.childLastName}`,
                    date: formatDay(row.dueAt, locale),
                  })}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="mt-2">
        <Link href="/staff/requests?tab=overdue" className="text-blue-700 underline">
          {t('home.all')}
        </Link>
      </p>
    </section>
  );
});
