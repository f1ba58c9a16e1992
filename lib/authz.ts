import 'server-only';
import { notFound, redirect } from 'next/navigation';
import type { StaffRole } from '@/db/schema';
import { getCurrentSession } from '@/lib/auth/current';
import type { ActiveSession } from '@/lib/auth/sessions';

/**
 * Page guards. They run on the server for every request; the proxy's redirects are only a
 * convenience and never the security check.
 */
export async function requireParent(): Promise<ActiveSession> {
  const session = await getCurrentSession();
  if (!session) redirect('/login');
  // A staff account has no portal of its own children: it is not a guardian.
  if (session.user.kind !== 'parent') notFound();
  return session;
}

export function hasAnyRole(session: ActiveSession, roles: readonly StaffRole[]): boolean {
  return session.user.kind === 'staff' && (roles.length === 0 || roles.some((role) => session.user.roles.includes(role)));
}

/** Any staff user when no role is named; otherwise one of the named roles. Parents get a 404. */
export async function requireStaff(...roles: StaffRole[]): Promise<ActiveSession> {
  const session = await getCurrentSession();
  if (!session) redirect('/staff/login');
  if (session.user.kind !== 'staff' || session.user.roles.length === 0 || !hasAnyRole(session, roles)) notFound();
  return session;
}
