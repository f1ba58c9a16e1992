import type { Metadata } from 'next';
import Link from 'next/link';

import { Alert } from '@/components/ui/alert';
import { Pager } from '@/components/ui/pager';
import { getDb } from '@/db';
import { requireStaff } from '@/lib/authz';
import { formatDateTime } from '@/lib/dates';
import { getLocale, getT } from '@/lib/i18n/server';
import { categoriesFor } from '@/lib/messaging/categories';
import {
  listQueue,
  QUEUE_COUNT_CAP,
  queueCounts,
  queueTabs,
  type QueueTab,
} from '@/lib/messaging/staff';
import { portalPage } from '@/lib/page';
import { rememberedSearch, searchFormAction } from '@/lib/staff/remembered-search';

import { StaffSearch } from '../_components/staff-search';
import { searchMessages } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getT('staff.messages');
  return { title: t('title') };
}

export default portalPage(async function StaffMessagesPage({
  searchParams,
}: {
  searchParams: Promise<{ tab?: string; page?: string; notice?: string }>;
}) {
  const session = await requireStaff('clinical', 'billing', 'front_desk', 'admin');
  const [t, tCategory, tCommon, locale] = await Promise.all([
    getT('staff.messages'),
    getT('staffForms.categories'),
    getT('staff.common'),
    getLocale(),
  ]);
  const params = await searchParams;
  const tab: QueueTab = queueTabs.includes(params.tab as QueueTab)
    ? (params.tab as QueueTab)
    : 'open';
  const { q: search } = await rememberedSearch('messages', ['q']);
  const page = Math.max(1, Math.min(10_000, Number(params.page) || 1));
  const db = await getDb();
  const staff = { id: session.user.id, roles: session.user.roles };
  const [{ rows, hasMore }, counts] = await Promise.all([
    listQueue(db, staff, tab, search, page),
    queueCounts(db, staff, search),
  ]);
  const href = (next: Partial<{ tab: string; page: number }>) =>
    `/staff/messages?${new URLSearchParams({ tab: next.tab ?? tab, page: String(next.page ?? 1) })}`;

  return (
    <div className="flex flex-col gap-5">
      <div>
        <h1 className="text-2xl font-bold">{t('title')}</h1>
        <p className="text-slate-700">
          {t('yourQueues', {
            queues: categoriesFor(session.user.roles)
              .map((c) => tCategory(c))
              .join(', '),
          })}
        </p>
      </div>
      {params.notice === 'moved' ? <Alert tone="success">{t('moved')}</Alert> : null}
      <nav aria-label={t('queues')} className="flex flex-wrap gap-2">
        {queueTabs.map((id) => (
          <Link
            key={id}
            href={href({ tab: id })}
            aria-current={id === tab ? 'page' : undefined}
            className={`rounded-md border px-3 py-2 font-medium ${id === tab ? 'border-brand-600 bg-brand-600 text-white' : 'border-slate-300 bg-white text-slate-900'}`}
          >
            {t('tab', {
              tab: id,
              count: counts[id] > QUEUE_COUNT_CAP ? `${QUEUE_COUNT_CAP}+` : String(counts[id]),
            })}
          </Link>
        ))}
      </nav>
      <StaffSearch
        action={searchFormAction(searchMessages)}
        formLabel={t('search')}
        field={{ id: 'message-search', label: t('searchLabel'), defaultValue: search }}
        buttonLabel={tCommon('search')}
        keep={{ tab }}
      />
      {rows.length === 0 ? <p>{t('empty')}</p> : null}
      <ul className="flex flex-col gap-2">
        {rows.map((row) => (
          <li key={row.id}>
            <Link
              href={`/staff/messages/${row.id}`}
              className={`block rounded-lg border bg-white p-4 hover:border-brand-600 ${row.unread ? 'border-l-4 border-brand-600' : 'border-slate-200'}`}
            >
              <span className="flex flex-wrap justify-between gap-2">
                <span className={row.unread ? 'font-bold' : 'font-semibold'}>
                  {row.unread ? (
                    <span className="mr-2 rounded bg-brand-600 px-2 py-0.5 text-xs text-white">
                      {t('unread')}
                    </span>
                  ) : null}
                  {row.subject}
                </span>
                <span className="text-sm text-slate-700">
                  {formatDateTime(row.lastMessageAt, locale)}
                </span>
              </span>
              <span className="block text-sm text-slate-700">
                {t('rowDetails', {
                  child: `${row.childLastName}, ${row.childFirstName}`,
                  guardian: `${row.guardianFirstName} ${row.guardianLastName}`,
                  category: tCategory(row.category),
                })}{' '}
                {row.assigneeFirstName
                  ? t('assignedTo', { name: `${row.assigneeFirstName} ${row.assigneeLastName}` })
                  : t('unassigned')}
              </span>
            </Link>
          </li>
        ))}
      </ul>
      <Pager
        page={page}
        hasMore={hasMore}
        hrefFor={(next) => href({ page: next })}
        label={tCommon('resultPages')}
        previousLabel={tCommon('previousPage')}
        nextLabel={tCommon('nextPage')}
      />
    </div>
  );
});
