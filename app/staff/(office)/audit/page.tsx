import type { Metadata } from 'next';
import Link from 'next/link';

import { Alert } from '@/components/ui/alert';
import { getDb } from '@/db';
import { groupChildHistory, type HistoryDay } from '@/lib/audit/history-groups';
import { auditReportPage, REPORT_PAGE_SIZE, type AuditReportRow } from '@/lib/audit/report';
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
import { describeAuditEvent, type AuditWords } from '@/lib/audit/words';
import { requireStaff } from '@/lib/authz';
import { formatDateTime, formatDay, formatTime, todayInPractice } from '@/lib/dates';
import type { Locale } from '@/lib/i18n/locales';
import { getLocale, getT, translateMessage } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';
import { rememberedSearch, searchFormAction } from '@/lib/staff/remembered-search';

import { filterAuditTrail } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getT('staff.audit');
  return { title: t('title') };
}

const GROUPED_PAGE_SIZE = REPORT_PAGE_SIZE * 4;

const control = 'w-full rounded-md border border-slate-400 bg-white px-3 py-2';

type Translator = Awaited<ReturnType<typeof getT<'staff.audit'>>>;

function SortLink({
  filters,
  column,
  t,
}: {
  filters: AuditFilters;
  column: SortColumn;
  t: Translator;
}) {
  const active = filters.sort === column;
  const dir = active && filters.dir === 'desc' ? 'asc' : 'desc';
  const label = t(`columns.${column}`);
  return (
    <Link
      href={`/staff/audit?${filtersToQuery(filters, { sort: column, dir, after: '' })}`}
      className="text-blue-800 underline"
      aria-label={t('sortBy', { column: label })}
    >
      {label}
      {active ? (filters.dir === 'desc' ? ' ↓' : ' ↑') : ''}
    </Link>
  );
}

function AuditFilterForm({ filters, t }: { filters: AuditFilters; t: Translator }) {
  return (
    <form
      action={searchFormAction(filterAuditTrail)}
      className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3"
      aria-label={t('filter')}
    >
      <label className="flex flex-col gap-1 font-medium">
        {t('from')}
        <input type="date" name="from" defaultValue={filters.from} required className={control} />
      </label>
      <label className="flex flex-col gap-1 font-medium">
        {t('to')}
        <input type="date" name="to" defaultValue={filters.to} required className={control} />
      </label>
      <label className="flex flex-col gap-1 font-medium">
        {t('columns.outcome')}
        <select name="outcome" defaultValue={filters.outcome} className={control}>
          <option value="">{t('anyOutcome')}</option>
          <option value="success">{t('outcome', { outcome: 'success' })}</option>
          <option value="denied">{t('outcome', { outcome: 'denied' })}</option>
          <option value="error">{t('outcome', { outcome: 'error' })}</option>
        </select>
      </label>
      <label className="flex flex-col gap-1 font-medium">
        {t('who')}
        <input type="search" name="actor" defaultValue={filters.actor} className={control} />
      </label>
      <label className="flex flex-col gap-1 font-medium">
        {t('child')}
        <input type="search" name="child" defaultValue={filters.child} className={control} />
      </label>
      <label className="flex flex-col gap-1 font-medium">
        {t('columns.action')}
        <select name="group" defaultValue={filters.group} className={control}>
          <option value="">{t('everything')}</option>
          {Object.keys(actionGroups).map((value) => (
            <option key={value} value={value}>
              {t(`groups.${value as keyof typeof actionGroups}`)}
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
          {t('show')}
        </button>
        <a
          href={`/staff/audit/export?${filtersToQuery(filters, { after: '' })}`}
          className="inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-4 py-2 font-semibold hover:bg-slate-100"
        >
          {t('export')}
        </a>
      </div>
    </form>
  );
}

/** Who did it, and to which child, as the report's cells show them. */
function who(row: AuditReportRow, t: Translator): string {
  return row.actorName
    ? `${row.actorName} (${row.actorUserId})`
    : t('actorKind', { kind: row.actorKind });
}
function childCell(row: AuditReportRow): string {
  return row.childName ? `${row.childName}${row.childMrn ? ` (${row.childMrn})` : ''}` : '—';
}

function NothingMatches({ t }: { t: Translator }) {
  return (
    <tr>
      <td colSpan={7} className="p-3">
        {t('nothing')}
      </td>
    </tr>
  );
}

/** A child's history: by day, with a run of the same thing by the same person shown once. */
function GroupedRows({
  days,
  locale,
  t,
}: {
  days: HistoryDay<AuditReportRow>[];
  locale: Locale;
  t: Translator;
}) {
  const time = (moment: Date) => formatTime(moment, locale);
  return days.map(({ day, runs }) => (
    <tbody key={day}>
      <tr className="border-t border-slate-300 bg-slate-50">
        <th colSpan={7} scope="colgroup" className="p-2 text-left font-semibold">
          {day}
        </th>
      </tr>
      {runs.map(({ whats, events }) => {
        const newest = events[0]!;
        const oldest = events.at(-1)!;
        return (
          <tr key={newest.id} className="border-t border-slate-200 align-top">
            <td className="p-2 whitespace-nowrap">
              {events.length > 1
                ? `${time(oldest.occurredAt)} – ${time(newest.occurredAt)}`
                : time(newest.occurredAt)}
            </td>
            <td className="p-2">{who(newest, t)}</td>
            <td className="p-2">{newest.actorRole ?? '—'}</td>
            <td className="p-2">
              {whats.join('; ')}
              {events.length > 1 ? (
                <span className="font-semibold"> · {t('times', { count: events.length })}</span>
              ) : null}
            </td>
            <td className="p-2">{t('outcome', { outcome: newest.outcome })}</td>
            <td className="p-2">{childCell(newest)}</td>
            <td className="p-2">
              {events.length === 1 ? (
                <Link href={`/staff/audit/${newest.id}`} className="text-blue-700 underline">
                  {t('open')}
                </Link>
              ) : (
                <details>
                  <summary className="cursor-pointer text-blue-700 underline">
                    {t('eachOf', { count: events.length })}
                  </summary>
                  <ul className="mt-1 flex flex-col gap-1">
                    {events.map((event) => (
                      <li key={event.id}>
                        <Link href={`/staff/audit/${event.id}`} className="text-blue-700 underline">
                          {time(event.occurredAt)}
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
  ));
}

function FlatRows({
  rows,
  locale,
  t,
  words,
}: {
  rows: AuditReportRow[];
  locale: Locale;
  t: Translator;
  words: AuditWords;
}) {
  return (
    <tbody>
      {rows.length === 0 ? <NothingMatches t={t} /> : null}
      {rows.map((row) => (
        <tr key={row.id} className="border-t border-slate-200 align-top">
          <td className="p-2 whitespace-nowrap">{formatDateTime(row.occurredAt, locale)}</td>
          <td className="p-2">{who(row, t)}</td>
          <td className="p-2">{row.actorRole ?? '—'}</td>
          <td className="p-2">{describeAuditEvent(words, row.action, row.metadata)}</td>
          <td className="p-2">{t('outcome', { outcome: row.outcome })}</td>
          <td className="p-2">{childCell(row)}</td>
          <td className="p-2">
            <Link href={`/staff/audit/${row.id}`} className="text-blue-700 underline">
              {t('open')}
            </Link>
          </td>
        </tr>
      ))}
    </tbody>
  );
}

function ReportPager({
  filters,
  nextCursor,
  t,
}: {
  filters: AuditFilters;
  nextCursor: string | null;
  t: Translator;
}) {
  const linkClass = 'inline-flex min-h-11 items-center font-medium text-blue-700 underline';
  return (
    <div className="flex flex-wrap gap-4">
      {filters.after ? (
        <Link href={`/staff/audit?${filtersToQuery(filters, { after: '' })}`} className={linkClass}>
          {t('firstPage')}
        </Link>
      ) : null}
      {nextCursor ? (
        <Link
          href={`/staff/audit?${filtersToQuery(filters, { after: nextCursor })}`}
          className={linkClass}
        >
          {t('nextPage')}
        </Link>
      ) : null}
    </div>
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
  const [t, words, locale] = await Promise.all([
    getT('staff.audit'),
    getT('auditWords'),
    getLocale(),
  ]);
  const days = grouped ? groupChildHistory(rows, (moment) => formatDay(moment, locale), words) : [];
  const problemText = Object.values(problems)
    .map((problem) => translateMessage(locale, problem))
    .join(' ');
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      {problemText ? <Alert tone="error">{t('problems', { problems: problemText })}</Alert> : null}
      <AuditFilterForm filters={filters} t={t} />
      {grouped ? <p className="text-slate-700">{t('groupedIntro')}</p> : null}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full min-w-[48rem] text-left text-sm">
          <thead className="bg-slate-100">
            <tr>
              {(Object.keys(sortColumns) as SortColumn[]).map((column) => (
                <th key={column} className="p-2">
                  <SortLink filters={filters} column={column} t={t} />
                </th>
              ))}
              <th className="p-2">{t('details')}</th>
            </tr>
          </thead>
          {grouped ? (
            <GroupedRows days={days} locale={locale} t={t} />
          ) : (
            <FlatRows rows={rows} locale={locale} t={t} words={words} />
          )}
          {grouped && rows.length === 0 ? (
            <tbody>
              <NothingMatches t={t} />
            </tbody>
          ) : null}
        </table>
      </div>
      <ReportPager filters={filters} nextCursor={nextCursor} t={t} />
    </div>
  );
});
