import 'server-only';

import { notFound, redirect } from 'next/navigation';

import { getDb } from '@/db';
import { recordChildView, type ChildAccess } from '@/lib/audit/views';
import { actorFor } from '@/lib/auth/actors';
import { getCurrentSession } from '@/lib/auth/current';
import type { ActiveSession } from '@/lib/auth/sessions';
import { getChild } from '@/lib/children/registry';
import { todayInPractice } from '@/lib/dates';
import { findLinkedChild } from '@/lib/guardianship/access';
import { currentRequestMeta } from '@/lib/request-context';
import type { StaffRole } from '@/lib/staff/vocabulary';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * Page guards. They run on the server for every request; the proxy's redirects are only a
 * convenience and never the security check.
 */
export async function requireParent(
  options: { duringPasswordChange?: boolean } = {},
): Promise<ActiveSession> {
  const session = await getCurrentSession();
  if (!session) redirect('/login');
  // A staff account has no portal of its own children: it is not a guardian.
  if (session.user.kind !== 'parent') notFound();
  // Signed in with an office-issued temporary password: choose a new one before anything else.
  if (session.user.mustChangePassword && !options.duringPasswordChange)
    redirect('/choose-password');
  return session;
}

export function hasAnyRole(session: ActiveSession, roles: readonly StaffRole[]): boolean {
  return (
    session.user.kind === 'staff' &&
    (roles.length === 0 || roles.some((role) => session.user.roles.includes(role)))
  );
}

/** Any staff user when no role is named; otherwise one of the named roles. Parents get a 404. */
export async function requireStaff(...roles: StaffRole[]): Promise<ActiveSession> {
  const session = await requireStaffBeforeSetup();
  // Two-step verification is required of staff: nothing else until it is set up.
  if (!session.user.twoStepEnabled) redirect('/staff/two-step');
  if (!hasAnyRole(session, roles)) notFound();
  return session;
}

/** Staff who may not have set up two-step verification yet: only for the set-up page itself. */
export async function requireStaffBeforeSetup(): Promise<ActiveSession> {
  const session = await getCurrentSession();
  if (!session) redirect('/staff/login');
  if (session.user.kind !== 'staff' || session.user.roles.length === 0) notFound();
  return session;
}

/**
 * For every parent page about one child: the child exists for this parent only through a live
 * link, checked in the same query that reads it. Anything else is the 404 page, never a 403
 * that would confirm the child exists. The view is recorded in the audit trail.
 */
export async function requireLinkedChild(
  childId: string,
  section: string,
  access: ChildAccess = 'record.viewed',
) {
  const session = await requireParent();
  if (!isUuid(childId)) notFound();
  const db = await getDb();
  const today = todayInPractice();
  const child = await findLinkedChild(db, session.user.id, childId, today);
  if (!child) notFound();
  await recordChildView(
    db,
    actorFor(session.user),
    await currentRequestMeta(),
    child.id,
    section,
    access,
  );
  return {
    session,
    child,
    db,
    viewer: { kind: 'guardian' as const, userId: session.user.id, today },
  };
}

/** For staff pages about one child: the right role, a real child (else 404), and the view recorded. */
export async function requireStaffChild(childId: string, section: string, ...roles: StaffRole[]) {
  const session = await requireStaff(...roles);
  if (!isUuid(childId)) notFound();
  const db = await getDb();
  const child = await getChild(db, childId);
  if (!child) notFound();
  await recordChildView(db, actorFor(session.user), await currentRequestMeta(), child.id, section);
  return { session, child, db };
}
