import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { requireStaffChild } from '@/lib/authz';
import { categoriesFor } from '@/lib/messaging/categories';
import { listWritableGuardians } from '@/lib/messaging/staff';
import { portalPage } from '@/lib/page';

import { StartConversationForm } from './_components/start-conversation-form';

export const metadata: Metadata = { title: 'Write to a parent or guardian' };

export default portalPage(async function StartConversationPage({
  searchParams,
}: {
  searchParams: Promise<{ child?: string }>;
}) {
  const { child: childId = '' } = await searchParams;
  if (!childId) notFound();
  const { session, child, db } = await requireStaffChild(
    childId,
    'staff_compose',
    'clinical',
    'billing',
    'front_desk',
    'admin',
  );
  const guardians = await listWritableGuardians(db, child.id);
  return (
    <div className="flex max-w-2xl flex-col gap-4">
      <h1 className="text-2xl font-bold">
        Write to a parent or guardian of {child.firstName} {child.lastName}
      </h1>
      {guardians.length === 0 ? (
        <p>No one has portal access to this child yet. Issue a PIN first.</p>
      ) : (
        <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <StartConversationForm
            childId={child.id}
            guardians={guardians.map((g) => ({
              guardianshipId: g.guardianshipId,
              name: `${g.firstName} ${g.lastName} (${g.relationship})`,
            }))}
            categories={categoriesFor(session.user.roles)}
          />
        </div>
      )}
      <p>
        <Link href="/staff/messages" className="text-blue-700 underline">
          ← Messages
        </Link>
      </p>
    </div>
  );
});
