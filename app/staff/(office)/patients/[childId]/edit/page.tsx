import type { Metadata } from 'next';
import Link from 'next/link';

import { requireStaffChild } from '@/lib/authz';
import { getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';

import { EditChildForm } from '../../_components/child-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getT('staff.patients');
  return { title: t('editTitle') };
}

export default portalPage(async function EditPatientPage({
  params,
}: {
  params: Promise<{ childId: string }>;
}) {
  const { childId } = await params;
  const { child } = await requireStaffChild(childId, 'staff_edit', 'front_desk', 'admin');
  const t = await getT('staff.patients');
  return (
    <div className="flex max-w-2xl flex-col gap-4">
      <p>
        <Link href={`/staff/patients/${child.id}`} className="text-blue-700 underline">
          {t('backTo', { name: `${child.firstName} ${child.lastName}` })}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t('editTitle')}</h1>
      <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <EditChildForm
          childId={child.id}
          initial={{
            firstName: child.firstName,
            lastName: child.lastName,
            preferredName: child.preferredName ?? '',
            dateOfBirth: child.dateOfBirth,
            sex: child.sex ?? '',
            mrn: child.mrn ?? '',
          }}
        />
      </div>
    </div>
  );
});
