import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';

import { sendSecureMessage } from '@/app/(portal)/services/message/actions';
import { chooseOwnPassword } from '@/app/(public)/choose-password/actions';
import { AccountsUnderAttack } from '@/app/staff/(office)/_components/accounts-under-attack';
import {
  disableParentAccount,
  enableParentAccount,
  sendTemporaryPassword,
  unlockParentAccount,
} from '@/app/staff/(office)/accounts/actions';
import StaffHomePage from '@/app/staff/(office)/page';
import { auditEvents, mailOutbox, signInThrottles, users } from '@/db/schema';
import { lookUpSession } from '@/lib/auth/sessions';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { ACCOUNT_FAILURE_CEILING, accountThrottleKey } from '@/lib/auth/throttle';
import { generateTemporaryPassword } from '@/lib/staff/help-desk';

import {
  actAs,
  callerVerified,
  createParent,
  createStaffMember,
  FACTORY_PASSWORD,
  openSession,
  testMeta,
} from '../factories';
import { testDb } from '../setup/database';
import { redirectOf } from '../setup/next-mocks';
import { findElement } from '../setup/server-tree';

beforeEach(() => actAs(null));

describe('temporary passwords from the office', () => {
  it('are random, emailed to the address on file, end every session, and force a new password at sign-in', async () => {
    const db = testDb();
    const parent = await createParent(db);
    const parentSession = await openSession(db, parent);
    const frontDesk = await createStaffMember(db, ['front_desk']);
    actAs(await openSession(db, frontDesk));
    expect(
      await sendTemporaryPassword({
        accountId: parent.id,
        confirmedDateOfBirth: true,
        confirmedAddressOrPhone: false,
        otherVerification: '',
      }),
    ).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/at least two things/),
    });
    const result = await sendTemporaryPassword({ accountId: parent.id, ...callerVerified });
    expect(result.ok).toBe(true);
    const letter = result.ok ? result.data : null;
    expect(letter?.temporaryPassword).toMatch(
      /^[23456789A-HJKMNP-Z]{4}-[23456789A-HJKMNP-Z]{4}-[23456789A-HJKMNP-Z]{4}$/,
    );
    expect(letter?.userId).toBe(parent.userId);

    const [mail] = await db
      .select()
      .from(mailOutbox)
      .where(
        and(eq(mailOutbox.template, 'temporary-password'), eq(mailOutbox.toAddress, parent.email)),
      );
    expect(mail?.textBody).toContain(letter!.temporaryPassword);
    expect((await lookUpSession(db, parentSession.token)).state).toBe('none');
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'account.temporary_password_issued'),
          eq(auditEvents.targetId, parent.id),
        ),
      );
    expect(event).toMatchObject({
      actorId: frontDesk.id,
      metadata: { confirmedDateOfBirth: true, confirmedAddressOrPhone: true },
    });
    expect(JSON.stringify(event)).not.toContain(letter!.temporaryPassword);

    // Signing in with it works, but nothing else does until the parent chooses their own.
    const signedIn = await signInWithPassword(
      db,
      { identifier: parent.userId, password: letter!.temporaryPassword, kind: 'parent' },
      testMeta,
    );
    expect(signedIn.ok).toBe(true);
    const lookup = await lookUpSession(db, signedIn.ok ? signedIn.token : '');
    expect(lookup.state === 'active' && lookup.session.user.mustChangePassword).toBe(true);
    actAs(lookup.state === 'active' ? lookup.session : null);
    expect(
      await sendSecureMessage({
        childId: parent.id,
        category: 'general',
        subject: 'x',
        body: 'y',
        idempotencyKey: crypto.randomUUID(),
      }),
    ).toEqual({ ok: false, formError: 'Please choose a new password first.' });
    expect(
      await chooseOwnPassword({
        newPassword: letter!.temporaryPassword,
        confirmPassword: letter!.temporaryPassword,
      }),
    ).toMatchObject({ ok: false });
    expect(
      await redirectOf(
        chooseOwnPassword({
          newPassword: 'lilac-ferry-thunder-2291',
          confirmPassword: 'lilac-ferry-thunder-2291',
        }),
      ),
    ).toBe('/dashboard?notice=password-chosen');
    const [row] = await db.select().from(users).where(eq(users.id, parent.id));
    expect(row).toMatchObject({ mustChangePassword: false, temporaryPasswordExpiresAt: null });
  });

  it('stop working after 72 hours', async () => {
    const db = testDb();
    const parent = await createParent(db);
    const frontDesk = await createStaffMember(db, ['admin']);
    actAs(await openSession(db, frontDesk));
    const result = await sendTemporaryPassword({ accountId: parent.id, ...callerVerified });
    const password = result.ok ? result.data.temporaryPassword : '';
    const later = new Date(Date.now() + 73 * 3600_000);
    expect(
      await signInWithPassword(
        db,
        { identifier: parent.userId, password, kind: 'parent' },
        testMeta,
        later,
      ),
    ).toEqual({ ok: false, reason: 'invalid' });
  });

  it('are the front desk’s and admins’ to send, never clinical or billing staff', async () => {
    const db = testDb();
    const parent = await createParent(db);
    for (const role of ['clinical', 'billing'] as const) {
      actAs(await openSession(db, await createStaffMember(db, [role])));
      expect(await sendTemporaryPassword({ accountId: parent.id, ...callerVerified })).toEqual({
        ok: false,
        formError: 'We could not find that page.',
      });
    }
  });

  it('differ every time', () => {
    const seen = new Set(Array.from({ length: 200 }, generateTemporaryPassword));
    expect(seen.size).toBe(200);
  });
});

describe('the help desk', () => {
  it('unlocks a locked account, and disabling ends its sessions at once', async () => {
    const db = testDb();
    const parent = await createParent(db, {
      failedSignInCount: 10,
      lockedUntil: new Date(Date.now() + 600_000),
    });
    const session = await openSession(db, parent);
    actAs(await openSession(db, await createStaffMember(db, ['front_desk'])));
    expect(await unlockParentAccount({ accountId: parent.id })).toEqual({ ok: true, data: null });
    const [unlocked] = await db.select().from(users).where(eq(users.id, parent.id));
    expect(unlocked).toMatchObject({ failedSignInCount: 0, lockedUntil: null });
    expect(await disableParentAccount({ accountId: parent.id })).toEqual({ ok: true, data: null });
    expect((await lookUpSession(db, session.token)).state).toBe('none');
    expect(await enableParentAccount({ accountId: parent.id })).toEqual({ ok: true, data: null });
    const staff = await createStaffMember(db, ['front_desk']);
    expect(await disableParentAccount({ accountId: staff.id })).toEqual({
      ok: false,
      formError: 'We could not find that page.',
    });
  });

  it("lists accounts under attack on the office home page for the help desk, who can lift a staff member's pause, audited", async () => {
    const db = testDb();
    const staff = await createStaffMember(db, ['clinical']);
    const now = new Date();
    await db.insert(signInThrottles).values({
      key: accountThrottleKey({ userId: staff.id }),
      userId: staff.id,
      failures: ACCOUNT_FAILURE_CEILING,
      nextTryAt: new Date(now.getTime() + 24 * 3600_000),
      updatedAt: now,
    });
    const listed = (page: unknown) => findElement(page, AccountsUnderAttack)?.props.rows ?? [];

    actAs(await openSession(db, await createStaffMember(db, ['billing'])));
    expect(listed(await StaffHomePage())).toEqual([]);

    const frontDesk = await createStaffMember(db, ['front_desk']);
    actAs(await openSession(db, frontDesk));
    expect(listed(await StaffHomePage())).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: staff.id, kind: 'staff', failures: ACCOUNT_FAILURE_CEILING }),
      ]),
    );
    expect(await unlockParentAccount({ accountId: staff.id })).toEqual({ ok: true, data: null });
    expect(listed(await StaffHomePage()).map((row) => row.id)).not.toContain(staff.id);
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'account.unlocked'), eq(auditEvents.targetId, staff.id)));
    expect(event).toMatchObject({ actorId: frontDesk.id, metadata: { kind: 'staff' } });
    const signedIn = await signInWithPassword(
      db,
      { identifier: staff.userId, password: FACTORY_PASSWORD, kind: 'staff' },
      testMeta,
    );
    expect(signedIn.ok).toBe(true);
  });
});
