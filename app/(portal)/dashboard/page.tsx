import type { Metadata } from 'next';
import { ResendVerificationButton } from '@/components/forms/resend-verification-button';
import { Alert } from '@/components/ui/alert';
import { getDb } from '@/db';
import { requireParent } from '@/lib/authz';
import { listLinkedChildren } from '@/lib/guardianship/linked-children';

export const metadata: Metadata = { title: 'Home' };

function formatDate(isoDate: string): string {
  return new Date(`${isoDate}T12:00:00Z`).toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
}

export default async function DashboardPage() {
  const session = await requireParent();
  const linkedChildren = await listLinkedChildren(await getDb(), session.user.id);
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">Hello, {session.user.firstName}</h1>
      {session.user.emailVerifiedAt ? (
        <p className="text-slate-700">
          Your email address <strong>{session.user.email}</strong> is confirmed.
        </p>
      ) : (
        <Alert tone="warning" title="Please confirm your email address">
          <p className="mb-3">
            We sent a link to <strong>{session.user.email}</strong>. Confirming it lets the office reach you when something new is waiting in the portal.
          </p>
          <ResendVerificationButton />
        </Alert>
      )}
      <section aria-labelledby="children-heading" className="flex flex-col gap-3">
        <h2 id="children-heading" className="text-xl font-semibold">
          Your children
        </h2>
        {linkedChildren.length === 0 ? (
          <p>No children are linked to your account yet. When the office gives you a PIN for your child, you can link them here.</p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2">
            {linkedChildren.map((child) => (
              <li key={child.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                <p className="text-lg font-semibold">
                  {child.preferredName ?? child.firstName} {child.lastName}
                </p>
                <p className="text-sm text-slate-700">Born {formatDate(child.dateOfBirth)}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
