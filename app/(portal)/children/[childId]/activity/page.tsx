import type { Metadata } from 'next';
import Link from 'next/link';

import { childActivityForGuardian } from '@/lib/audit/activity';
import { requireLinkedChild } from '@/lib/authz';
import { formatDateTime } from '@/lib/dates';
import { portalPage } from '@/lib/page';

export const metadata: Metadata = { title: 'Who has seen your child’s information' };

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
  const { entries, nextBefore } = await childActivityForGuardian(
    db,
    session.user.id,
    child.id,
    Number.isSafeInteger(before) && before > 0 ? before : null,
  );
  const name = child.preferredName ?? child.firstName;
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-5">
      <p>
        <Link href={`/children/${child.id}`} className="text-blue-700 underline">
          ← {name}’s record
        </Link>
      </p>
      <h1 className="text-2xl font-bold">Who has seen {name}’s information</h1>
      <p className="text-slate-700">
        This is {name}’s audit trail. Every time someone opens or changes {name}’s information in
        the portal, it is recorded here, and nobody can edit it: the office staff by name, you as
        “You”, and any other linked parent or guardian without their name. Newest first.
      </p>
      {entries.length === 0 ? <p>Nothing has been recorded yet.</p> : null}
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
              {formatDateTime(entry.occurredAt)}
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
            Older activity
          </Link>
        </p>
      ) : null}
    </div>
  );
});
