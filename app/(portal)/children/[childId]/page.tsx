import type { Metadata } from 'next';
import Link from 'next/link';
import { requireLinkedChild } from '@/lib/authz';
import { describeAge, formatDate, todayInPractice } from '@/lib/children/age';
import { formatDay } from '@/lib/format-time';

export const metadata: Metadata = { title: 'Your child' };

export default async function ChildPage({ params }: { params: Promise<{ childId: string }> }) {
  const { childId } = await params;
  const { child } = await requireLinkedChild(childId, 'summary');
  const name = child.preferredName ?? child.firstName;
  return (
    <div className="flex flex-col gap-6">
      <p>
        <Link href="/dashboard" className="text-blue-700 underline">
          ← Your children
        </Link>
      </p>
      <h1 className="text-2xl font-bold">
        {name} {child.lastName}
      </h1>
      <dl className="grid max-w-md grid-cols-[auto_1fr] gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <dt className="font-medium text-slate-700">Date of birth</dt>
        <dd>{formatDate(child.dateOfBirth)}</dd>
        <dt className="font-medium text-slate-700">Age</dt>
        <dd>{describeAge(child.dateOfBirth, todayInPractice())}</dd>
        <dt className="font-medium text-slate-700">You are</dt>
        <dd>{child.relationship}</dd>
        <dt className="font-medium text-slate-700">Linked on</dt>
        <dd>{formatDay(child.linkedAt)}</dd>
      </dl>
      <p className="text-slate-700">Each time you or the office opens {name}’s information, the portal records who opened it and when.</p>
    </div>
  );
}
