import type { Metadata } from 'next';
import Link from 'next/link';

import { Pager } from '@/components/ui/pager';
import { getDb } from '@/db';
import { hasAnyRole, requireStaff } from '@/lib/authz';
import { searchChildren } from '@/lib/children/registry';
import { childSearchSchema } from '@/lib/children/schemas';
import { formatDate } from '@/lib/dates';
import { getLocale, getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';
import { rememberedSearch, searchFormAction } from '@/lib/staff/remembered-search';

import { ColumnHeads } from '../_components/column-heads';
import { SearchBox, SearchButton } from '../_components/staff-search';
import { searchPatients } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getT('staff.patients');
  return { title: t('title') };
}

export default portalPage(async function PatientsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const session = await requireStaff('front_desk', 'admin', 'clinical');
  const [t, tCommon, locale] = await Promise.all([
    getT('staff.patients'),
    getT('staff.common'),
    getLocale(),
  ]);
  const raw = await searchParams;
  const terms = await rememberedSearch('patients', ['q', 'dob']);
  const parsed = childSearchSchema.safeParse({ ...terms, page: raw.page });
  const search = parsed.success ? parsed.data : { q: '', dob: '', page: 1 };
  const searched = Boolean(search.q || search.dob);
  const { rows, hasMore } = searched
    ? await searchChildren(await getDb(), search)
    : { rows: [], hasMore: false };
  const pageHref = (page: number) => `/staff/patients?page=${page}`;

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{t('title')}</h1>
        {hasAnyRole(session, ['front_desk', 'admin']) ? (
          <Link
            href="/staff/patients/new"
            className="inline-flex min-h-11 items-center rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700"
          >
            {t('register')}
          </Link>
        ) : null}
      </div>
      <form
        action={searchFormAction(searchPatients)}
        className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-[1fr_auto_auto] sm:items-end"
        role="search"
        aria-label={t('find')}
      >
        <SearchBox
          id="q"
          name="q"
          label={t('nameOrMrn')}
          defaultValue={terms.q}
          placeholder={t('nameOrMrnPlaceholder')}
        />
        <SearchBox
          id="dob"
          name="dob"
          type="date"
          label={t('dateOfBirth')}
          defaultValue={terms.dob}
        />
        <SearchButton>{tCommon('search')}</SearchButton>
      </form>
      {!parsed.success ? (
        <p role="alert" className="text-red-700">
          {t('badSearch')}
        </p>
      ) : null}
      {searched && rows.length === 0 ? <p>{t('noMatch')}</p> : null}
      {rows.length > 0 ? (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-left">
            <caption className="sr-only">{t('caption')}</caption>
            <ColumnHeads labels={[t('name'), t('dateOfBirth'), t('mrn')]} />
            <tbody>
              {rows.map((child) => (
                <tr key={child.id} className="border-b border-slate-200">
                  <td className="p-2">
                    <Link href={`/staff/patients/${child.id}`} className="text-blue-700 underline">
                      {child.lastName}, {child.firstName}
                      {child.preferredName ? ` (${child.preferredName})` : ''}
                    </Link>
                  </td>
                  <td className="p-2">{formatDate(child.dateOfBirth, locale)}</td>
                  <td className="p-2">{child.mrn ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {searched ? (
        <Pager
          page={search.page}
          hasMore={hasMore}
          hrefFor={pageHref}
          label={t('pages')}
          previousLabel={tCommon('previousPage')}
          nextLabel={tCommon('nextPage')}
        />
      ) : null}
    </div>
  );
});
