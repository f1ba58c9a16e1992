import type { Metadata } from 'next';
import Link from 'next/link';

import { Pager } from '@/components/ui/pager';
import { getDb } from '@/db';
import { requireStaff } from '@/lib/authz';
import { portalPage } from '@/lib/page';
import { searchParentAccounts } from '@/lib/staff/help-desk';
import { rememberedSearch, searchFormAction } from '@/lib/staff/remembered-search';

import { SignInProblems } from './_components/sign-in-problems';
import { searchAccounts } from './actions';

export const metadata: Metadata = { title: 'Parent accounts' };

export default portalPage(async function ParentAccountsPage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string }>;
}) {
  await requireStaff('front_desk', 'admin');
  const params = await searchParams;
  const { q } = await rememberedSearch('accounts', ['q']);
  const page = Math.max(1, Math.min(10_000, Number(params.page) || 1));
  const { rows, hasMore } = q
    ? await searchParentAccounts(await getDb(), q, page)
    : { rows: [], hasMore: false };
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-2xl font-bold">Parent accounts</h1>
      <p className="text-slate-700">
        Help a parent who cannot sign in. Staff never see or choose a parent’s password or hint
        answer.
      </p>
      <form
        action={searchFormAction(searchAccounts)}
        role="search"
        aria-label="Find a parent account"
        className="flex flex-wrap items-end gap-2"
      >
        <div className="flex flex-col gap-1">
          <label htmlFor="account-search" className="font-medium">
            Name, User ID or email
          </label>
          <input
            id="account-search"
            name="q"
            defaultValue={q}
            className="rounded-md border border-slate-400 px-3 py-2"
          />
        </div>
        <button
          type="submit"
          className="min-h-11 rounded-md bg-brand-600 px-4 py-2 font-semibold text-white"
        >
          Search
        </button>
      </form>
      {q && rows.length === 0 ? <p>No parent account matches.</p> : null}
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
                {row.disabledAt ? ' · disabled' : ''}
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
          label="Result pages"
        />
      ) : null}
      <SignInProblems />
    </div>
  );
});
