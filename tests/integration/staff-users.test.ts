import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';

import {
  changeStaffRoles,
  createStaffAccount,
  disableStaffAccount,
  enableStaffAccount,
  resendStaffSetupLink,
} from '@/app/staff/(office)/users/actions';
import { completeStaffAccountSetup } from '@/app/staff/setup/actions';
import {
  auditEvents,
  mailOutbox,
  sessions,
  staffRoleAssignments,
  staffSetupLinks,
  users,
} from '@/db/schema';
import { unfinishedAccountSetup } from '@/lib/auth/account-setup';
import { verifyPassword } from '@/lib/auth/password';
import { lookUpSession } from '@/lib/auth/sessions';
import { hashToken } from '@/lib/auth/tokens';
import { completeStaffSetup, findStaffSetupLink } from '@/lib/staff/setup-links';
import { listStaffUsers } from '@/lib/staff/users';

import {
  actAs,
  createParent,
  createStaffMember,
  openSession,
  testMeta,
  uniqueSuffix,
} from '../factories';
import { testDb } from '../setup/database';
import { redirectOf, requestState } from '../setup/next-mocks';

function newStaffInput() {
  const userId = `nurse.${uniqueSuffix()}`;
  return {
    firstName: 'Nora',
    lastName: 'Nurse',
    userId,
    email: `${userId}@example.org`,
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

const OWN_PASSWORD = 'lantern-quarry-mosaic-4821';

/** Every welcome email sent to this address, oldest first, with the set-up token of each. */
async function welcomeMails(email: string) {
  const mails = await testDb()
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.toAddress, email), eq(mailOutbox.template, 'staff-welcome')))
    .orderBy(mailOutbox.createdAt);
  return mails.map((mail) => {
    const link = mail.textBody.match(/https?:\/\/\S+\/staff\/setup\?token=[A-Za-z0-9_-]+/)![0];
    return { mail, link, token: new URL(link).searchParams.get('token')! };
  });
}

async function adminCreates() {
  const db = testDb();
  const admin = await createStaffMember(db, ['admin']);
  actAs(await openSession(db, admin));
  const input = newStaffInput();
  expect((await createStaffAccount(input)).ok).toBe(true);
  const [created] = await db.select().from(users).where(eq(users.userId, input.userId));
  actAs(null);
  return { db, admin, input, created: created! };
}

async function eventsFor(targetId: string) {
  return testDb()
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.targetId, targetId))
    .orderBy(auditEvents.id);
}

describe('a new staff member chooses their own password', () => {
  it('emails a single set-up link (stored only as its hash, no password in it) instead of an admin-typed password', async () => {
    const { db, admin, input, created } = await adminCreates();
    const [welcome, ...more] = await welcomeMails(input.email);
    expect(more).toEqual([]);
    expect(welcome!.link.startsWith('http://localhost:3000/staff/setup?token=')).toBe(true);
    expect(welcome!.mail.textBody).toContain('72 hours');
    expect(welcome!.mail.textBody).not.toMatch(/password:/i);
    const links = await db
      .select()
      .from(staffSetupLinks)
      .where(eq(staffSetupLinks.userId, created.id));
    expect(links).toHaveLength(1);
    expect(links[0]!.tokenHash).toBe(hashToken(welcome!.token));
    expect(JSON.stringify(links)).not.toContain(welcome!.token);
    expect(links[0]!.expiresAt.getTime() - links[0]!.createdAt.getTime()).toBe(72 * 3_600_000);
    const events = await eventsFor(created.id);
    expect(events.map((event) => [event.action, event.actorId]).sort()).toEqual([
      ['staff.setup_link_sent', admin.id],
      ['staff.user_created', admin.id],
    ]);
    expect(JSON.stringify(events)).not.toContain(welcome!.token);
    const [listed] = (await listStaffUsers(db)).filter((row) => row.id === created.id);
    expect(listed).toMatchObject({ awaitingSetup: true, setupLinkExpiresAt: expect.any(Date) });
  });

  it('sets the password from the link, signs in and goes on to two-step set-up; the link then never works again', async () => {
    const { db, input, created } = await adminCreates();
    const { token } = (await welcomeMails(input.email))[0]!;
    expect(await findStaffSetupLink(db, token)).toEqual({
      firstName: 'Nora',
      userId: input.userId,
    });
    const signInsBefore = requestState.cookieSignIns.length;
    expect(
      await redirectOf(
        completeStaffAccountSetup({
          token,
          newPassword: OWN_PASSWORD,
          confirmPassword: OWN_PASSWORD,
        }),
      ),
    ).toBe('/staff/two-step');
    const [account] = await db.select().from(users).where(eq(users.id, created.id));
    expect(await verifyPassword(OWN_PASSWORD, account!.passwordHash)).toBe(true);
    expect(account!.mustChangePassword).toBe(false);
    const sessionToken = requestState.cookieSignIns.at(-1)!;
    expect(requestState.cookieSignIns).toHaveLength(signInsBefore + 1);
    const session = await lookUpSession(db, sessionToken);
    if (session.state !== 'active') throw new Error(`session ${session.state}`);
    expect(session.session.user.id).toBe(created.id);
    expect(unfinishedAccountSetup(session.session.user)).toBe('two_step_enrolment');
    expect((await eventsFor(created.id)).map((event) => event.action)).toContain(
      'staff.setup_completed',
    );
    expect(await findStaffSetupLink(db, token)).toBeNull();
    const [listed] = (await listStaffUsers(db)).filter((row) => row.id === created.id);
    expect(listed?.awaitingSetup).toBe(false);

    // Used once: refused, audited, and the password stays the one chosen.
    const again = await completeStaffAccountSetup({
      token,
      newPassword: 'another-walnut-cabin-9902',
      confirmPassword: 'another-walnut-cabin-9902',
    });
    expect(again).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/expired or was already used/),
    });
    const [after] = await db.select().from(users).where(eq(users.id, created.id));
    expect(after!.passwordHash).toBe(account!.passwordHash);
    const refused = (await eventsFor(created.id)).filter(
      (event) => event.action === 'staff.setup_link_refused',
    );
    expect(refused.map((event) => [event.outcome, event.metadata.reason])).toEqual([
      ['denied', 'used'],
    ]);

    // And once chosen, the admin cannot send a link that would replace it.
    const admin = await createStaffMember(db, ['admin']);
    actAs(await openSession(db, admin));
    expect(await resendStaffSetupLink({ staffUserId: created.id })).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/already chosen their password/),
    });
  });

  it('refuses a link after 72 hours, audited as expired; a new link from the admin works and turns the old one off', async () => {
    const { db, admin, input, created } = await adminCreates();
    const { token: first } = (await welcomeMails(input.email))[0]!;
    const later = new Date(Date.now() + 72 * 3_600_000 + 60_000);
    expect(await findStaffSetupLink(db, first, later)).toBeNull();
    expect(
      await completeStaffSetup(
        db,
        { token: first, newPassword: OWN_PASSWORD, confirmPassword: OWN_PASSWORD },
        testMeta,
        later,
      ),
    ).toEqual({ ok: false, reason: 'invalid_link' });
    const expired = (await eventsFor(created.id)).filter(
      (event) => event.action === 'staff.setup_link_refused',
    );
    expect(expired.map((event) => event.metadata.reason)).toEqual(['expired']);

    actAs(await openSession(db, admin));
    expect((await resendStaffSetupLink({ staffUserId: created.id })).ok).toBe(true);
    actAs(null);
    const mails = await welcomeMails(input.email);
    expect(mails).toHaveLength(2);
    expect(
      await completeStaffSetup(
        db,
        { token: first, newPassword: OWN_PASSWORD, confirmPassword: OWN_PASSWORD },
        testMeta,
      ),
    ).toEqual({ ok: false, reason: 'invalid_link' });
    const outcome = await completeStaffSetup(
      db,
      {
        token: mails.find((m) => m.token !== first)!.token,
        newPassword: OWN_PASSWORD,
        confirmPassword: OWN_PASSWORD,
      },
      testMeta,
    );
    expect(outcome).toMatchObject({ ok: true, userId: created.id, awaitingSecondFactor: false });
    expect(
      (await eventsFor(created.id))
        .filter((event) => event.action === 'staff.setup_link_refused')
        .map((event) => event.metadata.reason),
    ).toEqual(['expired', 'revoked']);
  });

  it('refuses a weak password next to the field and keeps the link alive', async () => {
    const { db, input } = await adminCreates();
    const { token } = (await welcomeMails(input.email))[0]!;
    const result = await completeStaffAccountSetup({
      token,
      newPassword: input.userId + '1',
      confirmPassword: input.userId + '1',
    });
    expect(result).toMatchObject({ ok: false, fieldErrors: { newPassword: expect.any(String) } });
    expect(await findStaffSetupLink(db, token)).not.toBeNull();
  });
});
