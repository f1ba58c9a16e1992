import type { Metadata } from 'next';
import Link from 'next/link';

import { childActivityForGuardian } from '@/lib/audit/activity';
import { requireLinkedChild } from '@/lib/authz';
import { formatDateTime } from '@/lib/dates';
import { getLocale, getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT('childActivity'))('metaTitle') };
}

export default portalPage(async function ChildActivityPage({
  params,
  searchParams,
}: {
  params: Promise<{ childId: string }>;
  searchParams: Promise<{ before?: string }>;
}) {
  const { childId } = await params;
  const { child, db, session } = await requireLinkedChild(childId, 'activity');
  const before = Number((await searchParams).before);
  const locale = await getLocale();
  const t = await getT('childActivity');
  const { entries, nextBefore } = await childActivityForGuardian(
    db,
    session.user.id,
    child.id,
    Number.isSafeInteger(before) && before > 0 ? before : null,
    { locale },
  );
  const name = child.preferredName ?? child.firstName;
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-5">
      <p>
        <Link href={`/children/${child.id}`} className="text-blue-700 underline">
          {t('back', { name })}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t('title', { name })}</h1>
      <p className="text-slate-700">{t('intro', { name })}</p>
      {entries.length === 0 ? <p>{t('empty')}</p> : null}
      <ol className="flex flex-col divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {entries.map((entry) => (
          <li
            key={entry.id}
            className="flex flex-col gap-0.5 p-3 sm:flex-row sm:items-baseline sm:gap-4"
          >
            <time
              dateTime={entry.occurredAt.toISOString()}
              className="shrink-0 text-sm text-slate-700 sm:w-48"
            >
              {formatDateTime(entry.occurredAt, locale)}
            </time>
            <p>
              <strong>{entry.who}</strong> · {entry.what}
            </p>
          </li>
        ))}
      </ol>
      {nextBefore ? (
        <p>
          <Link
            href={`/children/${child.id}/activity?before=${nextBefore}`}
            className="inline-flex min-h-11 items-center font-medium text-blue-700 underline"
          >
            {t('older')}
          </Link>
        </p>
      ) : null}
    </div>
  );
});
