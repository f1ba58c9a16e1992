import type { Metadata } from 'next';
import { eq } from 'drizzle-orm';
import { MessageEmailsToggle } from '@/components/forms/message-emails-toggle';
import { getDb } from '@/db';
import { users } from '@/db/schema';
import { requireParent } from '@/lib/authz';

export const metadata: Metadata = { title: 'Account settings' };

export default async function AccountPage() {
  const session = await requireParent();
  const [settings] = await (await getDb()).select({ messageEmails: users.messageEmails }).from(users).where(eq(users.id, session.user.id));
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-5">
      <h1 className="text-2xl font-bold">Account settings</h1>
      <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <dt className="font-medium text-slate-700">Name</dt>
        <dd>
          {session.user.firstName} {session.user.lastName}
        </dd>
        <dt className="font-medium text-slate-700">User ID</dt>
        <dd>{session.user.userId}</dd>
        <dt className="font-medium text-slate-700">Email</dt>
        <dd>{session.user.email}</dd>
      </dl>
      <section aria-labelledby="notifications-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="notifications-heading" className="mb-2 text-lg font-semibold">
          Email notices
        </h2>
        <p className="mb-2 text-slate-700">The email only says that a message is waiting. It never includes your child’s name or what the message says.</p>
        <MessageEmailsToggle initial={settings?.messageEmails ?? true} />
      </section>
    </div>
  );
}
