import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { requireStaffChild } from '@/lib/authz';
import { getT } from '@/lib/i18n/server';
import { categoriesFor } from '@/lib/messaging/categories';
import { listWritableGuardians } from '@/lib/messaging/staff';
import { portalPage } from '@/lib/page';

import { StartConversationForm } from './_components/start-conversation-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getT('staff.compose');
  return { title: t('title') };
}

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
  const t = await getT('staff.compose');
  return (
    <div className="flex max-w-2xl flex-col gap-4">
      <h1 className="text-2xl font-bold">
        {t('heading', { name: `${child.firstName} ${child.lastName}` })}
      </h1>
      {guardians.length === 0 ? (
        <p>{t('noGuardians')}</p>
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
          {t('back')}
        </Link>
      </p>
    </div>
  );
});
