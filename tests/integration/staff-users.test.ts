import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';

import {
  changeStaffRoles,
  createStaffAccount,
  disableStaffAccount,
  enableStaffAccount,
} from '@/app/staff/(office)/users/actions';
import { auditEvents, sessions, staffRoleAssignments, users } from '@/db/schema';
import { lookUpSession } from '@/lib/auth/sessions';

import { actAs, createParent, createStaffMember, openSession, uniqueSuffix } from '../factories';
import { testDb } from '../setup/database';

function newStaffInput() {
  const userId = `nurse.${uniqueSuffix()}`;
  return {
    firstName: 'Nora',
    lastName: 'Nurse',
    userId,
    email: `${userId}@example.org`,
    password: 'thistle-garnet-harbor-61',
    roles: ['clinical'],
  };
}

beforeEach(() => actAs(null));

describe('staff user administration', () => {
  it('lets an admin create a staff user with roles, audited with the admin as actor', async () => {
    const admin = await createStaffMember(testDb(), ['admin']);
    actAs(await openSession(testDb(), admin));
    const input = newStaffInput();
    const result = await createStaffAccount(input);
    expect(result.ok).toBe(true);
    const [created] = await testDb().select().from(users).where(eq(users.userId, input.userId));
    expect(created?.kind).toBe('staff');
    const roles = await testDb()
      .select()
      .from(staffRoleAssignments)
      .where(eq(staffRoleAssignments.userId, created!.id));
    expect(roles.map((r) => r.role)).toEqual(['clinical']);
    const [event] = await testDb()
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, 'staff.user_created'), eq(auditEvents.targetId, created!.id)),
      );
    expect(event).toMatchObject({ actorId: admin.id, actorKind: 'staff', actorRole: 'admin' });
  });

  it.each([
    ['a parent', 'parent'],
    ['front desk staff', 'front_desk'],
    ['clinical staff', 'clinical'],
    ['billing staff', 'billing'],
  ] as const)('refuses %s and writes nothing', async (_label, who) => {
    const db = testDb();
    const actor = who === 'parent' ? await createParent(db) : await createStaffMember(db, [who]);
    actAs(await openSession(db, actor));
    const input = newStaffInput();
    const result = await createStaffAccount(input);
    expect(result).toEqual({ ok: false, formError: 'We could not find that page.' });
    expect(await db.select().from(users).where(eq(users.userId, input.userId))).toEqual([]);
    const [denied] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'action.denied'), eq(auditEvents.actorId, actor.id)));
    expect(denied?.outcome).toBe('denied');
  });

  it('changes roles, and never removes the last active administrator', async () => {
    const db = testDb();
    // Start from a practice whose only admin is this one.
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.kind, 'staff'));
    const admin = await createStaffMember(db, ['admin']);
    actAs(await openSession(db, admin));
    const lastAdmin = await changeStaffRoles({ staffUserId: admin.id, roles: ['clinical'] });
    expect(lastAdmin).toEqual({
      ok: false,
      formError: expect.stringMatching(/last active administrator/),
    });
    expect(await disableStaffAccount({ staffUserId: admin.id })).toEqual({
      ok: false,
      formError: expect.stringMatching(/last active administrator/),
    });

    const colleague = await createStaffMember(db, ['front_desk']);
    expect(
      await changeStaffRoles({ staffUserId: colleague.id, roles: ['front_desk', 'billing'] }),
    ).toEqual({ ok: true, data: { added: ['billing'], removed: [] } });
    expect(await changeStaffRoles({ staffUserId: colleague.id, roles: [] })).toMatchObject({
      ok: false,
      fieldErrors: { roles: 'Choose at least one role.' },
    });
  });

  it('ends every session of a disabled user at once, and can enable them again', async () => {
    const db = testDb();
    const admin = await createStaffMember(db, ['admin']);
    const target = await createStaffMember(db, ['billing']);
    const targetSession = await openSession(db, target);
    actAs(await openSession(db, admin));
    expect(await disableStaffAccount({ staffUserId: target.id })).toEqual({
      ok: true,
      data: { sessionsEnded: 1 },
    });
    expect((await lookUpSession(db, targetSession.token)).state).toBe('none');
    const [ended] = await db
      .select()
      .from(sessions)
      .where(eq(sessions.id, targetSession.sessionId));
    expect(ended?.endReason).toBe('account_disabled');
    expect((await enableStaffAccount({ staffUserId: target.id })).ok).toBe(true);
    const [row] = await db.select().from(users).where(eq(users.id, target.id));
    expect(row?.disabledAt).toBeNull();
  });

  it('answers an unknown or non-staff id as not found', async () => {
    const db = testDb();
    const admin = await createStaffMember(db, ['admin']);
    const parent = await createParent(db);
    actAs(await openSession(db, admin));
    expect(await disableStaffAccount({ staffUserId: parent.id })).toEqual({
      ok: false,
      formError: 'We could not find that page.',
    });
    expect(await disableStaffAccount({ staffUserId: 'not-a-uuid' })).toMatchObject({
      ok: false,
      fieldErrors: { staffUserId: expect.any(String) },
    });
  });
});
