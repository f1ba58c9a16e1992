import type { Metadata } from 'next';
import Link from 'next/link';

import { Alert } from '@/components/ui/alert';
import { getDb } from '@/db';
import { groupChildHistory } from '@/lib/audit/history-groups';
import { auditReportPage, REPORT_PAGE_SIZE } from '@/lib/audit/report';
import { recordAuditTrailAccess } from '@/lib/audit/report-access';
import {
  actionGroups,
  filtersToQuery,
  parseAuditFilters,
  rememberedAuditFilters,
  sortColumns,
  type AuditFilters,
  type SortColumn,
} from '@/lib/audit/report-filters';
import { describeAuditEvent } from '@/lib/audit/words';
import { requireStaff } from '@/lib/authz';
import { formatDateTime, formatDay, formatTime, todayInPractice } from '@/lib/dates';
import { getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';
import { rememberedSearch, searchFormAction } from '@/lib/staff/remembered-search';

import { filterAuditTrail } from './actions';

export const metadata: Metadata = { title: 'Audit trail' };

const GROUPED_PAGE_SIZE = REPORT_PAGE_SIZE * 4;

const control = 'w-full rounded-md border border-slate-400 bg-white px-3 py-2';

function SortLink({ filters, column }: { filters: AuditFilters; column: SortColumn }) {
  const active = filters.sort === column;
  const dir = active && filters.dir === 'desc' ? 'asc' : 'desc';
  return (
    <Link
      href={`/staff/audit?${filtersToQuery(filters, { sort: column, dir, after: '' })}`}
      className="text-blue-800 underline"
      aria-label={`Sort by ${sortColumns[column]}`}
    >
      {sortColumns[column]}
      {active ? (filters.dir === 'desc' ? ' ↓' : ' ↑') : ''}
    </Link>
  );
}

export default portalPage(async function AuditReportPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const session = await requireStaff('admin');
  // Names come only from the search cookie: one typed into the address is ignored.
  const { filters, problems } = parseAuditFilters(
    { ...(await searchParams), ...(await rememberedSearch('audit', rememberedAuditFilters)) },
    todayInPractice(),
  );
  const db = await getDb();
  await recordAuditTrailAccess(db, session, 'audit.viewed', filters);
  // A child's history is grouped, so one screen can hold more of it.
  const grouped = filters.child !== '' && filters.sort === 'when';
  const { rows, nextCursor } = await auditReportPage(
    db,
    filters,
    grouped ? GROUPED_PAGE_SIZE : REPORT_PAGE_SIZE,
  );
  const words = await getT('auditWords');
  const days = grouped ? groupChildHistory(rows, formatDay, words) : [];
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-2xl font-bold">Audit trail</h1>
      {Object.keys(problems).length ? (
        <Alert tone="error">
          Some filters could not be read ({Object.values(problems).join(' ')}), so the last 7 days
          are shown.
        </Alert>
      ) : null}
      <form
        action={searchFormAction(filterAuditTrail)}
        className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3"
        aria-label="Filter the audit trail"
      >
        <label className="flex flex-col gap-1 font-medium">
          From
          <input type="date" name="from" defaultValue={filters.from} required className={control} />
        </label>
        <label className="flex flex-col gap-1 font-medium">
          To
          <input type="date" name="to" defaultValue={filters.to} required className={control} />
        </label>
        <label className="flex flex-col gap-1 font-medium">
          Outcome
          <select name="outcome" defaultValue={filters.outcome} className={control}>
            <option value="">Any</option>
            <option value="success">Success</option>
            <option value="denied">Denied</option>
            <option value="error">Error</option>
          </select>
        </label>
        <label className="flex flex-col gap-1 font-medium">
          Who (name, User ID or email)
          <input type="search" name="actor" defaultValue={filters.actor} className={control} />
        </label>
        <label className="flex flex-col gap-1 font-medium">
          Child (name or chart number)
          <input type="search" name="child" defaultValue={filters.child} className={control} />
        </label>
        <label className="flex flex-col gap-1 font-medium">
          What
          <select name="group" defaultValue={filters.group} className={control}>
            <option value="">Everything</option>
            {Object.entries(actionGroups).map(([value, group]) => (
              <option key={value} value={value}>
                {group.label}
              </option>
            ))}
          </select>
        </label>
        <input type="hidden" name="sort" value={filters.sort} />
        <input type="hidden" name="dir" value={filters.dir} />
        <div className="flex flex-wrap gap-3 sm:col-span-3">
          <button
            type="submit"
            className="inline-flex min-h-11 items-center rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700"
          >
            Show
          </button>
          <a
            href={`/staff/audit/export?${filtersToQuery(filters, { after: '' })}`}
            className="inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-4 py-2 font-semibold hover:bg-slate-100"
          >
            Export these as CSV
          </a>
        </div>
      </form>
      {grouped ? (
        <p className="text-slate-700">
          This child’s history, newest first, by day. The same thing done by the same person several
          times in a row is shown once, with how many times.
        </p>
      ) : null}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full min-w-[48rem] text-left text-sm">
          <thead className="bg-slate-100">
            <tr>
              <th className="p-2">
                <SortLink filters={filters} column="when" />
              </th>
              <th className="p-2">
                <SortLink filters={filters} column="actor" />
              </th>
              <th className="p-2">
                <SortLink filters={filters} column="role" />
              </th>
              <th className="p-2">
                <SortLink filters={filters} column="action" />
              </th>
              <th className="p-2">
                <SortLink filters={filters} column="outcome" />
              </th>
              <th className="p-2">
                <SortLink filters={filters} column="child" />
              </th>
              <th className="p-2">Details</th>
            </tr>
          </thead>
          {grouped ? (
            days.map(({ day, runs }) => (
              <tbody key={day}>
                <tr className="border-t border-slate-300 bg-slate-50">
                  <th colSpan={7} scope="colgroup" className="p-2 text-left font-semibold">
                    {day}
                  </th>
                </tr>
                {runs.map(({ whats, events }) => {
                  const [newest] = events;
                  const oldest = events.at(-1)!;
                  return (
                    <tr key={newest!.id} className="border-t border-slate-200 align-top">
                      <td className="p-2 whitespace-nowrap">
                        {events.length > 1
                          ? `${formatTime(oldest.occurredAt)} – ${formatTime(newest!.occurredAt)}`
                          : formatTime(newest!.occurredAt)}
                      </td>
                      <td className="p-2">
                        {newest!.actorName
                          ? `${newest!.actorName} (${newest!.actorUserId})`
                          : newest!.actorKind}
                      </td>
                      <td className="p-2">{newest!.actorRole ?? '—'}</td>
                      <td className="p-2">
                        {whats.join('; ')}
                        {events.length > 1 ? (
                          <span className="font-semibold"> · {events.length} times</span>
                        ) : null}
                      </td>
                      <td className="p-2">{newest!.outcome}</td>
                      <td className="p-2">
                        {newest!.childName
                          ? `${newest!.childName}${newest!.childMrn ? ` (${newest!.childMrn})` : ''}`
                          : '—'}
                      </td>
                      <td className="p-2">
                        {events.length === 1 ? (
                          <Link
                            href={`/staff/audit/${newest!.id}`}
                            className="text-blue-700 underline"
                          >
                            Open
                          </Link>
                        ) : (
                          <details>
                            <summary className="cursor-pointer text-blue-700 underline">
                              Each of the {events.length}
                            </summary>
                            <ul className="mt-1 flex flex-col gap-1">
                              {events.map((event) => (
                                <li key={event.id}>
                                  <Link
                                    href={`/staff/audit/${event.id}`}
                                    className="text-blue-700 underline"
                                  >
                                    {formatTime(event.occurredAt)}
                                  </Link>
                                </li>
                              ))}
                            </ul>
                          </details>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            ))
          ) : (
            <tbody>
              {rows.length === 0 ? (
                <tr>
                  <td colSpan={7} className="p-3">
                    Nothing matches these filters.
                  </td>
                </tr>
              ) : null}
              {rows.map((row) => (
                <tr key={row.id} className="border-t border-slate-200 align-top">
                  <td className="p-2 whitespace-nowrap">{formatDateTime(row.occurredAt)}</td>
                  <td className="p-2">
                    {row.actorName ? `${row.actorName} (${row.actorUserId})` : row.actorKind}
                  </td>
                  <td className="p-2">{row.actorRole ?? '—'}</td>
                  <td className="p-2">{describeAuditEvent(words, row.action, row.metadata)}</td>
                  <td className="p-2">{row.outcome}</td>
                  <td className="p-2">
                    {row.childName
                      ? `${row.childName}${row.childMrn ? ` (${row.childMrn})` : ''}`
                      : '—'}
                  </td>
                  <td className="p-2">
                    <Link href={`/staff/audit/${row.id}`} className="text-blue-700 underline">
                      Open
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          )}
          {grouped && rows.length === 0 ? (
            <tbody>
              <tr>
                <td colSpan={7} className="p-3">
                  Nothing matches these filters.
                </td>
              </tr>
            </tbody>
          ) : null}
        </table>
      </div>
      <div className="flex flex-wrap gap-4">
        {filters.after ? (
          <Link
            href={`/staff/audit?${filtersToQuery(filters, { after: '' })}`}
            className="inline-flex min-h-11 items-center font-medium text-blue-700 underline"
          >
            First page
          </Link>
        ) : null}
        {nextCursor ? (
          <Link
            href={`/staff/audit?${filtersToQuery(filters, { after: nextCursor })}`}
            className="inline-flex min-h-11 items-center font-medium text-blue-700 underline"
          >
            Next page
          </Link>
        ) : null}
      </div>
    </div>
  );
});
