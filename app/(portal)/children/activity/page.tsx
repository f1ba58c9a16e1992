import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';

import { getDb } from '@/db';
import { requireParent } from '@/lib/authz';
import { todayInPractice } from '@/lib/dates';
import { listLinkedChildren } from '@/lib/guardianship/access';
import { portalPage } from '@/lib/page';

export const metadata: Metadata = { title: 'Audit trail: who has seen your child’s information' };

/**
 * The FAQ and help pages cannot know which child a reader means, so they link here: one linked
 * child goes straight to that child's audit trail, several are offered to choose from.
 */
export default portalPage(async function ActivityChooserPage() {
  const session = await requireParent();
  const linkedChildren = await listLinkedChildren(
    await getDb(),
    session.user.id,
    todayInPractice(),
  );
  if (linkedChildren.length === 1) redirect(`/children/${linkedChildren[0]!.id}/activity`);
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-5">
      <h1 className="text-2xl font-bold">Audit trail: who has seen your child’s information</h1>
      <p>
        Each child has an audit trail: a record, which nobody can edit, of every time someone opened
        or changed their information in the portal.
      </p>
      {linkedChildren.length === 0 ? (
        <p>
          No children are linked to your account yet.{' '}
          <Link href="/children/link" className="text-blue-700 underline">
            Link a child
          </Link>{' '}
          first.
        </p>
      ) : (
        <ul className="flex flex-col gap-2">
          {linkedChildren.map((child) => (
            <li key={child.id}>
              <Link
                href={`/children/${child.id}/activity`}
                className="inline-flex min-h-11 items-center font-medium text-blue-700 underline"
              >
                {child.preferredName ?? child.firstName}’s audit trail
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
});
