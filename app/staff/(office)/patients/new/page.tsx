import type { Metadata } from 'next';

import { requireStaff } from '@/lib/authz';
import { portalPage } from '@/lib/page';

import { NewChildForm } from '../_components/child-form';

export const metadata: Metadata = { title: 'Register a child' };

export default portalPage(async function NewPatientPage() {
  await requireStaff('front_desk', 'admin');
  return (
    <div className="flex max-w-2xl flex-col gap-4">
      <h1 className="text-2xl font-bold">Register a child</h1>
      <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <NewChildForm />
      </div>
    </div>
  );
});
