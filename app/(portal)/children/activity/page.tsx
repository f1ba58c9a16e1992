import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';

import { getDb } from '@/db';
import { requireParent } from '@/lib/authz';
import { todayInPractice } from '@/lib/dates';
import { listLinkedChildren } from '@/lib/guardianship/access';
import { getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT('activityChooser'))('metaTitle') };
}

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
  const t = await getT('activityChooser');
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-5">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <p>{t('intro')}</p>
      {linkedChildren.length === 0 ? (
        <p>
          {t.rich('none', {
            link: (chunks) => (
              <Link href="/children/link" className="text-blue-700 underline">
                {chunks}
              </Link>
            ),
          })}
        </p>
      ) : (
        <ul className="flex flex-col gap-2">
          {linkedChildren.map((child) => (
            <li key={child.id}>
              <Link
                href={`/children/${child.id}/activity`}
                className="inline-flex min-h-11 items-center font-medium text-blue-700 underline"
              >
                {t('child', { name: child.preferredName ?? child.firstName })}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
});
