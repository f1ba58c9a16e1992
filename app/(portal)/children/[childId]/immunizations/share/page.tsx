import type { Metadata } from 'next';
import Link from 'next/link';

import { requireLinkedChild } from '@/lib/authz';
import { portalPage } from '@/lib/page';
import { listRecordShares } from '@/lib/records/shares';

import { ShareLinks } from '../../_components/share-links';
import { ShareLinkForm } from './_components/share-link-form';

export const metadata: Metadata = { title: 'Share the immunization record' };

export default portalPage(async function ShareImmunizationsPage({
  params,
}: {
  params: Promise<{ childId: string }>;
}) {
  const { childId } = await params;
  const { child, db, session } = await requireLinkedChild(childId, 'shares');
  const shares = await listRecordShares(db, session.user.id, child.id);
  const name = child.preferredName ?? child.firstName;
  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <p>
        <Link href={`/children/${child.id}#immunizations`} className="text-blue-700 underline">
          ← Back to {name}’s record
        </Link>
      </p>
      <div className="flex flex-col gap-2">
        <h1 className="text-2xl font-bold">Share {name}’s immunization record</h1>
        <p>
          Make a link for a school nurse, daycare or camp. Whoever opens it sees the same page you
          can{' '}
          <Link
            href={`/children/${child.id}/immunizations/print`}
            className="text-blue-700 underline"
          >
            print
          </Link>
          : {name}’s name, date of birth and vaccines. Nothing else in the record, and no way to
          change anything.
        </p>
        <p>
          The link stops working when the time you choose runs out, or as soon as you turn it off.
          You can see each time it is opened on {name}’s activity page.
        </p>
      </div>
      <section
        aria-labelledby="make-heading"
        className="rounded-lg border border-slate-200 bg-white p-4"
      >
        <h2 id="make-heading" className="mb-3 text-lg font-semibold">
          Make a link
        </h2>
        <ShareLinkForm childId={child.id} childName={name} />
      </section>
      <section
        aria-labelledby="links-heading"
        className="rounded-lg border border-slate-200 bg-white p-4"
      >
        <h2 id="links-heading" className="mb-3 text-lg font-semibold">
          Links for {name}
        </h2>
        <ShareLinks shares={shares} />
      </section>
    </div>
  );
});
