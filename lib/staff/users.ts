import 'server-only';

import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';

import type { Db } from '@/db';
import { staffRoleAssignments, users } from '@/db/schema';
import { staffRolesOfUser } from '@/lib/auth/roles-sql';
import { endAllSessionsOfUser } from '@/lib/auth/sessions';
import { clearAccountThrottles } from '@/lib/auth/throttle';
import { AppError, isUniqueViolation } from '@/lib/errors';
import { type StaffRole } from '@/lib/staff/vocabulary';

import type { CreateStaffUserInput } from './schemas';
import { unusablePasswordHash } from './setup-links';

export interface StaffUserRow {
  id: string;
  userId: string;
  email: string;
  firstName: string;
  lastName: string;
  roles: StaffRole[];
  disabledAt: Date | null;
  twoStepEnabledAt: Date | null;
  /** Made with a set-up link that has not been used yet: the person has no password of their own. */
  awaitingSetup: boolean;
  /** When the newest live set-up link stops working (null: none is live). */
  setupLinkExpiresAt: Date | null;
  createdAt: Date;
}

/** An account made with a set-up link whose owner has not used any of its links yet. The outer
 * column is spelt out: drizzle writes a lone `"id"` in a one-table query, which the subquery would
 * read as its own. */
const awaitingSetupSql = sql<boolean>`(exists (select 1 from staff_setup_links l where l.user_id = "users"."id") and not exists (select 1 from staff_setup_links l where l.user_id = "users"."id" and l.used_at is not null))`;

export async function listStaffUsers(db: Db): Promise<StaffUserRow[]> {
  return db
    .select({
      id: users.id,
      userId: users.userId,
      email: users.email,
      firstName: users.firstName,
      lastName: users.lastName,
      roles: staffRolesOfUser,
      disabledAt: users.disabledAt,
      twoStepEnabledAt: users.totpEnabledAt,
      awaitingSetup: awaitingSetupSql,
      setupLinkExpiresAt:
        sql<Date | null>`(select max(l.expires_at) from staff_setup_links l where l.user_id = "users"."id" and l.used_at is null and l.revoked_at is null and l.expires_at > now())`.mapWith(
          (value: string | Date | null) => (value === null ? null : new Date(value)),
        ),
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.kind, 'staff'))
    .orderBy(asc(users.lastName), asc(users.firstName));
}

export async function createStaffUser(
  db: Db,
  input: CreateStaffUserInput,
): Promise<{ id: string }> {
  // The new member chooses their own password with the welcome email's set-up link: nobody
  // else ever knows it, so there is nothing to hand over and nothing to change at first sign-in.
  const passwordHash = await unusablePasswordHash();
  try {
    const [created] = await db
      .insert(users)
      .values({
        kind: 'staff',
        userId: input.userId,
        email: input.email,
        firstName: input.firstName,
        lastName: input.lastName,
        passwordHash,
      })
      .returning({ id: users.id });
    if (!created) throw new Error('staff insert returned no row');
    await db
      .insert(staffRoleAssignments)
      .values([...new Set(input.roles)].map((role) => ({ userId: created.id, role })));
    return created;
  } catch (error) {
    if (isUniqueViolation(error, 'users_user_id_lower_key'))
      throw new AppError('conflict', 'errors.correctFields', {
        fieldErrors: { userId: 'errors.staffUserIdTaken' },
      });
    if (isUniqueViolation(error, 'users_email_lower_key'))
      throw new AppError('conflict', 'errors.correctFields', {
        fieldErrors: { email: 'errors.staffEmailTaken' },
      });
    throw error;
  }
}

async function requireStaffUser(db: Db, staffUserId: string) {
  // Lock the row so two admins changing the same person serialise.
  const [row] = await db
    .select({ id: users.id, disabledAt: users.disabledAt })
    .from(users)
    .where(and(eq(users.id, staffUserId), eq(users.kind, 'staff')))
    .for('update');
  if (!row) throw new AppError('not_found');
  return row;
}

/** The practice must always keep one administrator who can sign in. */
async function assertAnotherActiveAdmin(db: Db, exceptUserId: string): Promise<void> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(staffRoleAssignments)
    .innerJoin(users, eq(users.id, staffRoleAssignments.userId))
    .where(
      and(
        eq(staffRoleAssignments.role, 'admin'),
        isNull(users.disabledAt),
        ne(users.id, exceptUserId),
      ),
    );
  if (!row || row.count === 0) throw new AppError('conflict', 'errors.lastAdministrator');
}

export async function setStaffRoles(
  db: Db,
  staffUserId: string,
  roles: StaffRole[],
): Promise<{ added: StaffRole[]; removed: StaffRole[] }> {
  await requireStaffUser(db, staffUserId);
  const current = (
    await db
      .select({ role: staffRoleAssignments.role })
      .from(staffRoleAssignments)
      .where(eq(staffRoleAssignments.userId, staffUserId))
  ).map((r) => r.role);
  const wanted = [...new Set(roles)];
  const added = wanted.filter((role) => !current.includes(role));
  const removed = current.filter((role) => !wanted.includes(role));
  if (removed.includes('admin')) await assertAnotherActiveAdmin(db, staffUserId);
  for (const role of removed) {
    await db
      .delete(staffRoleAssignments)
      .where(
        and(eq(staffRoleAssignments.userId, staffUserId), eq(staffRoleAssignments.role, role)),
      );
  }
  if (added.length)
    await db
      .insert(staffRoleAssignments)
      .values(added.map((role) => ({ userId: staffUserId, role })));
  return { added, removed };
}

/** Disabling ends every session of the account at once. */
export async function disableStaffUser(
  db: Db,
  staffUserId: string,
  now = new Date(),
): Promise<{ sessionsEnded: number }> {
  const row = await requireStaffUser(db, staffUserId);
  if (row.disabledAt) return { sessionsEnded: 0 };
  const roles = await db
    .select({ role: staffRoleAssignments.role })
    .from(staffRoleAssignments)
    .where(eq(staffRoleAssignments.userId, staffUserId));
  if (roles.some((r) => r.role === 'admin')) await assertAnotherActiveAdmin(db, staffUserId);
  await db.update(users).set({ disabledAt: now }).where(eq(users.id, staffUserId));
  return { sessionsEnded: await endAllSessionsOfUser(db, staffUserId, 'account_disabled', now) };
}

export async function enableStaffUser(db: Db, staffUserId: string): Promise<void> {
  await requireStaffUser(db, staffUserId);
  await db
    .update(users)
    .set({ disabledAt: null, failedSignInCount: 0, lockedUntil: null })
    .where(eq(users.id, staffUserId));
  await clearAccountThrottles(db, staffUserId);
}
