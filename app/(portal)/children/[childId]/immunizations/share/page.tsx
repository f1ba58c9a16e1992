import type { Metadata } from 'next';
import Link from 'next/link';

import { requireLinkedChild } from '@/lib/authz';
import { getLocale, getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';
import { listRecordShares } from '@/lib/records/shares';

import { ShareLinks } from '../../_components/share-links';
import { ShareLinkForm } from './_components/deferred-share-link-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT('sharePage'))('metaTitle') };
}

export default portalPage(async function ShareImmunizationsPage({
  params,
}: {
  params: Promise<{ childId: string }>;
}) {
  const { childId } = await params;
  const { child, db, session } = await requireLinkedChild(childId, 'shares');
  const shares = await listRecordShares(db, session.user.id, child.id);
  const t = await getT('sharePage');
  const locale = await getLocale();
  const name = child.preferredName ?? child.firstName;
  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <p>
        <Link href={`/children/${child.id}#immunizations`} className="text-blue-700 underline">
          {t('back', { name })}
        </Link>
      </p>
      <div className="flex flex-col gap-2">
        <h1 className="text-2xl font-bold">{t('title', { name })}</h1>
        <p>
          {t.rich('intro', {
            name,
            link: (chunks) => (
              <Link
                href={`/children/${child.id}/immunizations/print`}
                className="text-blue-700 underline"
              >
                {chunks}
              </Link>
            ),
          })}
        </p>
        <p>{t('stops', { name })}</p>
      </div>
      <section
        aria-labelledby="make-heading"
        className="rounded-lg border border-slate-200 bg-white p-4"
      >
        <h2 id="make-heading" className="mb-3 text-lg font-semibold">
          {t('make')}
        </h2>
        <ShareLinkForm childId={child.id} childName={name} />
      </section>
      <section
        aria-labelledby="links-heading"
        className="rounded-lg border border-slate-200 bg-white p-4"
      >
        <h2 id="links-heading" className="mb-3 text-lg font-semibold">
          {t('links', { name })}
        </h2>
        <ShareLinks shares={shares} locale={locale} />
      </section>
    </div>
  );
});
