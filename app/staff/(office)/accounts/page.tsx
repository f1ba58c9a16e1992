import type { Metadata } from 'next';
import Link from 'next/link';

import { Pager } from '@/components/ui/pager';
import { getDb } from '@/db';
import { requireStaff } from '@/lib/authz';
import { getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';
import { searchParentAccounts } from '@/lib/staff/help-desk';
import { rememberedSearch, searchFormAction } from '@/lib/staff/remembered-search';

import { StaffSearch } from '../_components/staff-search';
import { SignInProblems } from './_components/sign-in-problems';
import { searchAccounts } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getT('staff.accounts');
  return { title: t('title') };
}

export default portalPage(async function ParentAccountsPage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string }>;
}) {
  await requireStaff('front_desk', 'admin');
  const [t, tCommon] = await Promise.all([getT('staff.accounts'), getT('staff.common')]);
  const params = await searchParams;
  const { q } = await rememberedSearch('accounts', ['q']);
  const page = Math.max(1, Math.min(10_000, Number(params.page) || 1));
  const { rows, hasMore } = q
    ? await searchParentAccounts(await getDb(), q, page)
    : { rows: [], hasMore: false };
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <p className="text-slate-700">{t('intro')}</p>
      <StaffSearch
        action={searchFormAction(searchAccounts)}
        formLabel={t('find')}
        field={{ id: 'account-search', label: t('searchLabel'), defaultValue: q }}
        buttonLabel={tCommon('search')}
      />
      {q && rows.length === 0 ? <p>{t('noMatch')}</p> : null}
      <ul className="flex flex-col gap-2">
        {rows.map((row) => (
          <li key={row.id}>
            <Link
              href={`/staff/accounts/${row.id}`}
              className="block rounded-lg border border-slate-200 bg-white p-4 hover:border-brand-600"
            >
              <span className="font-semibold">
                {row.lastName}, {row.firstName}
              </span>{' '}
              <span className="text-slate-700">
                ({row.userId}) · {row.email}
                {row.disabledAt ? ` · ${t('disabled')}` : ''}
              </span>
            </Link>
          </li>
        ))}
      </ul>
      {q ? (
        <Pager
          page={page}
          hasMore={hasMore}
          hrefFor={(next) => `/staff/accounts?page=${next}`}
          label={tCommon('resultPages')}
          previousLabel={tCommon('previousPage')}
          nextLabel={tCommon('nextPage')}
        />
      ) : null}
      <SignInProblems />
    </div>
  );
});
