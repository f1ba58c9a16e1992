import type { Metadata } from 'next';
import Link from 'next/link';

import { getDb } from '@/db';
import { requireStaff } from '@/lib/authz';
import { formatDay } from '@/lib/dates';
import { getLocale, getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';
import {
  listRequests,
  requestCounts,
  requestTabs,
  type KindFilter,
  type RequestTab,
} from '@/lib/requests/staff';
import { kindsFor } from '@/lib/requests/vocabulary';
import { rememberedSearch, searchFormAction } from '@/lib/staff/remembered-search';

import { ColumnHeads } from '../_components/column-heads';
import { StaffSearch } from '../_components/staff-search';
import { searchRequests } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT('staffRequests'))('title') };
}

const DAY = 86_400_000;

export default portalPage(async function StaffRequestsPage({
  searchParams,
}: {
  searchParams: Promise<{ kind?: string; tab?: string; page?: string }>;
}) {
  const session = await requireStaff('front_desk', 'clinical', 'admin');
  const params = await searchParams;
  const kinds = kindsFor(session.user.roles);
  const kind: KindFilter = kinds.includes(params.kind as never)
    ? (params.kind as KindFilter)
    : 'all';
  const tab: RequestTab = requestTabs.includes(params.tab as RequestTab)
    ? (params.tab as RequestTab)
    : 'open';
  const { q: search } = await rememberedSearch('requests', ['q']);
  const page = Math.max(1, Math.min(10_000, Number(params.page) || 1));
  const db = await getDb();
  const staff = { id: session.user.id, roles: session.user.roles };
  const now = new Date();
  const query = { kind, tab, search };
  const [{ rows, hasMore }, counts, t, locale] = await Promise.all([
    listRequests(db, staff, query, page, now),
    requestCounts(db, staff, query, now),
    getT('staffRequests'),
    getLocale(),
  ]);
  const href = (next: Partial<{ kind: string; tab: string; page: number }>) =>
    `/staff/requests?${new URLSearchParams({
      kind: next.kind ?? kind,
      tab: next.tab ?? tab,
      page: String(next.page ?? 1),
    })}`;
  const pill = (current: boolean) =>
    `rounded-md border px-3 py-2 font-medium ${current ? 'border-brand-600 bg-brand-600 text-white' : 'border-slate-300 bg-white text-slate-900'}`;

  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <nav aria-label={t('kindsNav')} className="flex flex-wrap gap-2">
        {(['all', ...kinds] as KindFilter[]).map((id) => (
          <Link
            key={id}
            href={href({ kind: id })}
            aria-current={id === kind ? 'page' : undefined}
            className={pill(id === kind)}
          >
            {t('tabLabel', {
              name: id === 'all' ? t('kindsAll') : t(`kinds.${id}`),
              count: counts.byKind[id] ?? 0,
            })}
          </Link>
        ))}
      </nav>
      <nav aria-label={t('tabsNav')} className="flex flex-wrap gap-2">
        {requestTabs.map((id) => (
          <Link
            key={id}
            href={href({ tab: id })}
            aria-current={id === tab ? 'page' : undefined}
            className={pill(id === tab)}
          >
            {t('tabLabel', { name: t(`tabs.${id}`), count: counts.byTab[id] })}
          </Link>
        ))}
      </nav>
      <StaffSearch
        action={searchFormAction(searchRequests)}
        formLabel={t('search')}
        field={{ id: 'request-search', label: t('search'), defaultValue: search }}
        buttonLabel={t('searchButton')}
        keep={{ kind, tab }}
      />
      {rows.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-left">
            <ColumnHeads
              labels={[
                t('columns.child'),
                t('columns.kind'),
                t('columns.status'),
                t('columns.age'),
                t('columns.due'),
                t('columns.assignee'),
              ]}
            />
            <tbody>
              {rows.map((row) => {
                const days = Math.floor((now.getTime() - row.createdAt.getTime()) / DAY);
                const overdue = !row.closedAt && row.dueAt < now;
                return (
                  <tr key={row.id} className="border-b border-slate-200 align-top">
                    <td className="p-2">
                      <Link href={`/staff/requests/${row.id}`} className="text-blue-700 underline">
                        {row.childLastName}, {row.childFirstName}
                      </Link>
                      {row.childMrn ? (
                        <span className="block text-sm text-slate-600">
                          {t('mrn', { mrn: row.childMrn })}
                        </span>
                      ) : null}
                    </td>
                    <td className="p-2">{t(`kinds.${row.kind}`)}</td>
                    <td className="p-2">{t(`statuses.${row.status}`)}</td>
                    <td className="p-2">{t('age', { days })}</td>
                    <td className={`p-2 ${overdue ? 'font-semibold text-red-800' : ''}`}>
                      {overdue
                        ? t('overdue', { date: formatDay(row.dueAt, locale) })
                        : t('due', { date: formatDay(row.dueAt, locale) })}
                      {row.kind === 'records' && !row.closedAt ? (
                        <span className="block text-sm">
                          {t('recordsClock', { day: Math.min(days + 1, 999) })}
                        </span>
                      ) : null}
                    </td>
                    <td className="p-2">
                      {row.assigneeFirstName
                        ? `${row.assigneeFirstName} ${row.assigneeLastName}`
                        : t('unassigned')}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {page > 1 || hasMore ? (
        <nav aria-label={t('pages')} className="flex gap-4">
          {page > 1 ? (
            <Link href={href({ page: page - 1 })} className="text-blue-700 underline">
              {t('previous')}
            </Link>
          ) : null}
          {hasMore ? (
            <Link href={href({ page: page + 1 })} className="text-blue-700 underline">
              {t('next')}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
});
