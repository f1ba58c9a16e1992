import type { Metadata } from 'next';
import Link from 'next/link';

import { requireParent } from '@/lib/authz';
import { env } from '@/lib/env';
import { portalPage } from '@/lib/page';

import { LinkChildForm } from './_components/link-child-form';

export const metadata: Metadata = { title: 'Link a child' };

export default portalPage(async function LinkChildPage() {
  await requireParent();
  const { PRACTICE_PHONE, PIN_TTL_DAYS } = env();
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-5">
      <p>
        <Link href="/dashboard" className="text-blue-700 underline">
          ← Your children
        </Link>
      </p>
      <h1 className="text-2xl font-bold">Link a child</h1>
      <p>
        Type the PIN from the office’s letter and your child’s date of birth. Each PIN works once,
        for one parent or guardian, and expires {PIN_TTL_DAYS} days after it is issued. PINs are for
        your own children (or children in your legal care) only: the portal cannot link another
        adult.
      </p>
      <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <LinkChildForm />
      </div>
      <p className="text-sm text-slate-700">
        No PIN, or it has expired? Call the office at {PRACTICE_PHONE}. After checking who you are,
        we will give you a new one.
      </p>
    </div>
  );
});
