import type { Metadata } from 'next';
import Link from 'next/link';
import { hasAnyRole, requireStaff } from '@/lib/authz';
import { staffRoleLabels } from '@/lib/staff/schemas';

export const metadata: Metadata = { title: 'Office home' };

export default async function StaffHomePage() {
  const session = await requireStaff();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">Office home</h1>
      <p>
        Signed in as {session.user.firstName} {session.user.lastName} ({session.user.roles.map((role) => staffRoleLabels[role]).join(', ')}).
      </p>
      {hasAnyRole(session, ['admin']) ? (
        <p>
          <Link href="/staff/users" className="text-blue-700 underline">
            Manage staff users
          </Link>
        </p>
      ) : null}
    </div>
  );
}
