import type { Metadata } from 'next';
import Link from 'next/link';

import { getDb } from '@/db';
import { hasAnyRole, requireStaff } from '@/lib/authz';
import { formatDateTime } from '@/lib/dates';
import { listUndeliveredMail } from '@/lib/mail/outbox';
import { portalPage } from '@/lib/page';
import { staffRoleLabels } from '@/lib/staff/vocabulary';

import { UndeliveredMail } from './_components/undelivered-mail';

export const metadata: Metadata = { title: 'Office home' };

export default portalPage(async function StaffHomePage() {
  const session = await requireStaff();
  const isAdmin = hasAnyRole(session, ['admin']);
  const undelivered = isAdmin ? await listUndeliveredMail(await getDb()) : null;
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">Office home</h1>
      <p>
        Signed in as {session.user.firstName} {session.user.lastName} (
        {session.user.roles.map((role) => staffRoleLabels[role]).join(', ')}).
      </p>
      {undelivered && undelivered.rows.length > 0 ? (
        <UndeliveredMail
          rows={undelivered.rows.map(({ createdAt, ...row }) => ({
            ...row,
            queuedAt: formatDateTime(createdAt),
          }))}
          more={undelivered.more}
        />
      ) : null}
      {isAdmin ? (
        <p>
          <Link href="/staff/users" className="text-blue-700 underline">
            Manage staff users
          </Link>
        </p>
      ) : null}
    </div>
  );
});
