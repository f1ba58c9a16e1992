import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';

import type { Db } from '@/db';
import { staffRoleAssignments, users } from '@/db/schema';
import { weakPasswordMessage } from '@/lib/accounts/sign-up';
import { hashPassword } from '@/lib/auth/password';
import { staffRolesOfUser } from '@/lib/auth/roles-sql';
import { endAllSessionsOfUser } from '@/lib/auth/sessions';
import { AppError, isUniqueViolation } from '@/lib/errors';
import type { StaffRole } from '@/lib/staff/vocabulary';

import type { CreateStaffUserInput } from './schemas';

export interface StaffUserRow {
  id: string;
  userId: string;
  email: string;
  firstName: string;
  lastName: string;
  roles: StaffRole[];
  disabledAt: Date | null;
  twoStepEnabledAt: Date | null;
  createdAt: Date;
}

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
  const weak = weakPasswordMessage(input.password, [
    input.userId,
    input.email,
    input.firstName,
    input.lastName,
  ]);
  if (weak)
    throw new AppError('invalid', 'Please choose a stronger password.', {
      fieldErrors: { password: weak },
    });
  const passwordHash = await hashPassword(input.password);
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
      throw new AppError('conflict', 'Please correct the highlighted fields.', {
        fieldErrors: { userId: 'That User ID is already taken.' },
      });
    if (isUniqueViolation(error, 'users_email_lower_key'))
      throw new AppError('conflict', 'Please correct the highlighted fields.', {
        fieldErrors: { email: 'Another account already uses this email.' },
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
  if (!row || row.count === 0)
    throw new AppError(
      'conflict',
      'This is the last active administrator. Give another person the Administrator role first.',
    );
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
}
