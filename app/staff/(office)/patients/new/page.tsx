import type { Metadata } from 'next';

import { requireStaff } from '@/lib/authz';
import { getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';

import { NewChildForm } from '../_components/child-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getT('staff.patients');
  return { title: t('register') };
}

export default portalPage(async function NewPatientPage() {
  await requireStaff('front_desk', 'admin');
  const t = await getT('staff.patients');
  return (
    <div className="flex max-w-2xl flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('register')}</h1>
      <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <NewChildForm />
      </div>
    </div>
  );
});
