import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';

import {
  confirmTwoStepSetup,
  startTwoStepSetup,
  turnOffMyTwoStep,
} from '@/app/session/two-step/actions';
import { resetTwoStepVerification } from '@/app/staff/(office)/accounts/actions';
import { changeStaffRoles } from '@/app/staff/(office)/users/actions';
import {
  auditEvents,
  mailOutbox,
  recoveryCodes,
  sessions,
  signInThrottles,
  users,
} from '@/db/schema';
import { completePasswordReset, requestPasswordReset } from '@/lib/accounts/password-reset';
import { lookUpSession } from '@/lib/auth/sessions';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { ACCOUNT_FAILURE_CEILING, accountThrottleKey } from '@/lib/auth/throttle';
import { requireStaff } from '@/lib/authz';
import { decryptTotpSecret, hashRecoveryCode } from '@/lib/two-step/crypto';
import { confirmEnrolment, startEnrolment } from '@/lib/two-step/enrolment';
import { SECOND_FACTOR_ATTEMPTS, verifySecondFactor } from '@/lib/two-step/sign-in-step';
import { totpCodeAt } from '@/lib/two-step/totp';

import {
  actAs,
  callerVerified,
  createParent,
  createStaffMember,
  FACTORY_HINT_ANSWER,
  FACTORY_PASSWORD,
  FACTORY_TOTP_SECRET,
  openSession,
  testMeta,
} from '../factories';
import { testDb } from '../setup/database';
import { redirectOf } from '../setup/next-mocks';

const at = (iso: string) => new Date(iso);

/** A parent with two-step verification turned on at `now`; returns the secret and recovery codes. */
async function parentWithTwoStep(now: Date) {
  const db = testDb();
  const parent = await createParent(db);
  const { secret } = await startEnrolment(db, parent.id, now);
  const { recoveryCodes: codes } = await confirmEnrolment(
    db,
    parent.id,
    totpCodeAt(secret, now),
    now,
  );
  return { parent, secret, codes };
}

async function passwordStep(userId: string, kind: 'parent' | 'staff', now: Date) {
  const result = await signInWithPassword(
    testDb(),
    { identifier: userId, password: FACTORY_PASSWORD, kind },
    testMeta,
    now,
  );
  if (!result.ok) throw new Error(`password step failed: ${result.reason}`);
  return result;
}

beforeEach(() => actAs(null));

describe('turning two-step verification on', () => {
  it('needs one right code, stores the secret encrypted and ten recovery codes only as hashes', async () => {
    const db = testDb();
    const now = at('2026-09-01T09:00:00Z');
    const parent = await createParent(db);
    const { secret, qrSvg } = await startEnrolment(db, parent.id, now);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(qrSvg).toContain('<svg');

    // Nothing changes until a code proves the app has the secret.
    expect((await passwordStep(parent.userId, 'parent', now)).awaitingSecondFactor).toBe(false);
    await expect(confirmEnrolment(db, parent.id, '000000', now)).rejects.toMatchObject({
      fieldErrors: { code: 'validation.codeDidNotMatch' },
    });

    const { recoveryCodes: codes } = await confirmEnrolment(
      db,
      parent.id,
      totpCodeAt(secret, now),
      now,
    );
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);

    const [row] = await db.select().from(users).where(eq(users.id, parent.id));
    expect(row?.totpEnabledAt).toEqual(now);
    expect(row?.totpSecret).not.toContain(secret);
    expect(decryptTotpSecret(row!.totpSecret!)).toBe(secret);
    expect(row?.totpPendingSecret).toBeNull();
    const stored = await db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, parent.id));
    expect(stored.map((r) => r.codeHash).sort()).toEqual(codes.map(hashRecoveryCode).sort());
    expect(JSON.stringify(stored)).not.toContain(codes[0]);
  });

  it('refuses a set-up left for more than 30 minutes', async () => {
    const db = testDb();
    const parent = await createParent(db);
    const { secret } = await startEnrolment(db, parent.id, at('2026-09-01T09:00:00Z'));
    const later = at('2026-09-01T09:31:00Z');
    await expect(confirmEnrolment(db, parent.id, totpCodeAt(secret, later), later)).rejects.toThrow(
      'errors.twoStepSetupTooLong',
    );
  });

  it('runs through the actions with an audit event for each step and no secret in the audit trail', async () => {
    const db = testDb();
    const parent = await createParent(db);
    actAs(await openSession(db, parent));
    const started = await startTwoStepSetup({});
    expect(started.ok).toBe(true);
    const secret = started.ok ? started.data.secret : '';
    expect(await confirmTwoStepSetup({ code: '12345' })).toMatchObject({
      ok: false,
      fieldErrors: { code: expect.any(String) },
    });
    const confirmed = await confirmTwoStepSetup({ code: totpCodeAt(secret, new Date()) });
    expect(confirmed.ok && confirmed.data.recoveryCodes).toHaveLength(10);
    const events = await db.select().from(auditEvents).where(eq(auditEvents.actorId, parent.id));
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['two_step.enrolment_started', 'two_step.enabled']),
    );
    expect(JSON.stringify(events)).not.toContain(secret);
  });
});

describe('signing in with two-step verification', () => {
  it('asks for a code after the password; the waiting session opens nothing until the code is right', async () => {
    const db = testDb();
    const t0 = at('2026-09-02T10:00:00Z');
    const { parent, secret } = await parentWithTwoStep(t0);
    const t1 = at('2026-09-02T10:05:00Z');
    const pending = await passwordStep(parent.email, 'parent', t1);
    expect(pending.awaitingSecondFactor).toBe(true);
    expect(await lookUpSession(db, pending.token, t1)).toMatchObject({
      state: 'second_factor',
      kind: 'parent',
    });

    const result = await verifySecondFactor(
      db,
      pending.token,
      totpCodeAt(secret, t1),
      testMeta,
      t1,
    );
    expect(result).toMatchObject({ ok: true, kind: 'parent', method: 'totp' });
    const fullToken = result.ok ? result.token : '';
    expect(fullToken).not.toBe(pending.token);
    // The token issued after the password alone is never good for more.
    expect((await lookUpSession(db, pending.token, t1)).state).toBe('none');
    const full = await lookUpSession(db, fullToken, t1);
    expect(full.state === 'active' && full.session.user.twoStepEnabled).toBe(true);
    expect(full.state === 'active' && full.session.absoluteExpiresAt.getTime() - t1.getTime()).toBe(
      12 * 3600_000,
    );
  });

  it('never accepts the same code twice, even on another sign-in within its window', async () => {
    const db = testDb();
    const t0 = at('2026-09-03T10:00:00Z');
    const { parent, secret } = await parentWithTwoStep(t0);
    const t1 = at('2026-09-03T10:10:00Z');
    const code = totpCodeAt(secret, t1);
    const first = await passwordStep(parent.userId, 'parent', t1);
    expect((await verifySecondFactor(db, first.token, code, testMeta, t1)).ok).toBe(true);
    const second = await passwordStep(parent.userId, 'parent', at('2026-09-03T10:10:10Z'));
    expect(
      await verifySecondFactor(db, second.token, code, testMeta, at('2026-09-03T10:10:12Z')),
    ).toEqual({ ok: false, reason: 'wrong_code', attemptsLeft: SECOND_FACTOR_ATTEMPTS - 1 });
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'auth.second_factor_failed'),
          eq(auditEvents.targetId, second.sessionId),
        ),
      );
    expect(event?.metadata).toMatchObject({ reason: 'code_already_used' });
    // The next 30-second code works.
    const t2 = at('2026-09-03T10:10:31Z');
    expect(
      (await verifySecondFactor(db, second.token, totpCodeAt(secret, t2), testMeta, t2)).ok,
    ).toBe(true);
  });

  it('lets two simultaneous requests with one code make only one session', async () => {
    const db = testDb();
    const t0 = at('2026-09-03T12:00:00Z');
    const { parent, secret } = await parentWithTwoStep(t0);
    const t1 = at('2026-09-03T12:20:00Z');
    const [a, b] = [
      await passwordStep(parent.userId, 'parent', t1),
      await passwordStep(parent.userId, 'parent', t1),
    ];
    const code = totpCodeAt(secret, t1);
    const results = await Promise.all([
      verifySecondFactor(db, a.token, code, testMeta, t1),
      verifySecondFactor(db, b.token, code, testMeta, t1),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it('takes each recovery code once, emails the account holder, and counts what is left', async () => {
    const db = testDb();
    const t0 = at('2026-09-04T10:00:00Z');
    const { parent, codes } = await parentWithTwoStep(t0);
    const first = await passwordStep(parent.userId, 'parent', t0);
    expect(
      await verifySecondFactor(
        db,
        first.token,
        ` ${codes[0]!.toUpperCase().replace('-', ' ')} `,
        testMeta,
        t0,
      ),
    ).toMatchObject({ ok: true, method: 'recovery_code' });
    const second = await passwordStep(parent.userId, 'parent', t0);
    expect(await verifySecondFactor(db, second.token, codes[0]!, testMeta, t0)).toMatchObject({
      ok: false,
      reason: 'wrong_code',
    });
    const [mail] = await db
      .select()
      .from(mailOutbox)
      .where(
        and(eq(mailOutbox.toAddress, parent.email), eq(mailOutbox.template, 'recovery-code-used')),
      );
    expect(mail?.textBody).toContain('9 recovery codes left');
    expect(mail?.textBody).not.toContain(codes[0]!);
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, 'auth.recovery_code_used'), eq(auditEvents.targetId, parent.id)),
      );
    expect(event?.metadata).toMatchObject({ recoveryCodesLeft: 9 });
  });

  it('goes back to the password after 5 wrong codes, counts each against the account, and audits them', async () => {
    const db = testDb();
    const t0 = at('2026-09-05T10:00:00Z');
    const { parent, secret } = await parentWithTwoStep(t0);
    const pending = await passwordStep(parent.userId, 'parent', t0);
    const wrong = totpCodeAt(secret, t0) === '111111' ? '222222' : '111111';
    for (let attempt = 1; attempt < SECOND_FACTOR_ATTEMPTS; attempt += 1) {
      expect(await verifySecondFactor(db, pending.token, wrong, testMeta, t0)).toEqual({
        ok: false,
        reason: 'wrong_code',
        attemptsLeft: SECOND_FACTOR_ATTEMPTS - attempt,
      });
    }
    expect(await verifySecondFactor(db, pending.token, wrong, testMeta, t0)).toEqual({
      ok: false,
      reason: 'start_again',
    });
    // Even the right code does not revive it.
    expect(
      await verifySecondFactor(db, pending.token, totpCodeAt(secret, t0), testMeta, t0),
    ).toEqual({ ok: false, reason: 'start_again' });
    const [session] = await db.select().from(sessions).where(eq(sessions.id, pending.sessionId));
    expect(session).toMatchObject({
      endReason: 'second_factor_failed',
      secondFactorFailures: SECOND_FACTOR_ATTEMPTS,
    });
    const [row] = await db.select().from(users).where(eq(users.id, parent.id));
    expect(row?.failedSignInCount).toBe(SECOND_FACTOR_ATTEMPTS);
    const failures = await db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'auth.second_factor_failed'),
          eq(auditEvents.targetId, pending.sessionId),
        ),
      );
    expect(failures).toHaveLength(SECOND_FACTOR_ATTEMPTS);
  });

  it('pauses the account when wrong codes reach the ceiling of 100, and emails the owner a way back in', async () => {
    const db = testDb();
    const t0 = at('2026-09-05T14:00:00Z');
    const { parent, secret } = await parentWithTwoStep(t0);
    const pending = await passwordStep(parent.userId, 'parent', t0);
    // 99 wrong tries already behind it, from everywhere.
    await db
      .insert(signInThrottles)
      .values({
        key: accountThrottleKey({ userId: parent.id }),
        userId: parent.id,
        failures: ACCOUNT_FAILURE_CEILING - 1,
        nextTryAt: t0,
        updatedAt: t0,
      })
      .onConflictDoUpdate({
        target: signInThrottles.key,
        set: { failures: ACCOUNT_FAILURE_CEILING - 1 },
      });
    expect(await verifySecondFactor(db, pending.token, 'abcde-fghjk', testMeta, t0)).toEqual({
      ok: false,
      reason: 'rate_limited',
    });
    const [row] = await db.select().from(users).where(eq(users.id, parent.id));
    expect(row?.lockedUntil?.getTime()).toBe(t0.getTime() + 24 * 3600_000);
    const [mail] = await db
      .select()
      .from(mailOutbox)
      .where(
        and(eq(mailOutbox.toAddress, parent.email), eq(mailOutbox.template, 'sign-in-paused')),
      );
    expect(mail?.textBody).toContain('/reset-password?token=');
    // Neither the password from a fresh address nor the right code gets past the pause.
    const again = await signInWithPassword(
      db,
      { identifier: parent.userId, password: FACTORY_PASSWORD, kind: 'parent' },
      { ...testMeta, ipAddress: '198.51.100.77' },
      new Date(t0.getTime() + 3600_000),
    );
    expect(again).toEqual({ ok: false, reason: 'rate_limited' });
    expect(
      await verifySecondFactor(db, pending.token, totpCodeAt(secret, t0), testMeta, t0),
    ).toEqual({ ok: false, reason: 'start_again' });
  });

  it('gives the code step ten minutes', async () => {
    const db = testDb();
    const t0 = at('2026-09-06T10:00:00Z');
    const { parent, secret } = await parentWithTwoStep(t0);
    const pending = await passwordStep(parent.userId, 'parent', t0);
    const late = at('2026-09-06T10:10:01Z');
    expect(
      await verifySecondFactor(db, pending.token, totpCodeAt(secret, late), testMeta, late),
    ).toEqual({ ok: false, reason: 'start_again' });
  });

  it('is never turned off by a password reset: the new session still waits for a code', async () => {
    const db = testDb();
    const t0 = at('2026-09-07T10:00:00Z');
    const { parent } = await parentWithTwoStep(t0);
    const { mail } = await requestPasswordReset(db, parent.email, t0);
    const token = new URL(mail!.text.match(/https?:\/\/\S+/)![0]).searchParams.get('token')!;
    const outcome = await completePasswordReset(
      db,
      {
        token,
        hintAnswer: FACTORY_HINT_ANSWER,
        newPassword: 'orbit-saffron-kettle-5512',
        confirmPassword: 'orbit-saffron-kettle-5512',
      },
      testMeta,
      t0,
    );
    expect(outcome).toMatchObject({ ok: true, awaitingSecondFactor: true });
    expect((await lookUpSession(db, outcome.ok ? outcome.sessionToken : '', t0)).state).toBe(
      'second_factor',
    );
    const [row] = await db.select().from(users).where(eq(users.id, parent.id));
    expect(row?.totpEnabledAt).toEqual(t0);
  });
});

describe('two-step verification for staff', () => {
  it('is required: a staff user without it reaches no staff page and no staff action, only its set-up', async () => {
    const db = testDb();
    const staff = await createStaffMember(db, ['admin'], { totpSecret: null, totpEnabledAt: null });
    const session = await openSession(db, staff);
    expect(session.user.twoStepEnabled).toBe(false);
    actAs(session);
    expect(await redirectOf(requireStaff())).toBe('/staff/two-step');
    expect(await changeStaffRoles({ staffUserId: staff.id, roles: ['admin', 'clinical'] })).toEqual(
      { ok: false, formError: 'Please set up two-step verification first.' },
    );
    const started = await startTwoStepSetup({});
    expect(started.ok).toBe(true);
    const confirmed = await confirmTwoStepSetup({
      code: totpCodeAt(started.ok ? started.data.secret : '', new Date()),
    });
    expect(confirmed.ok).toBe(true);
    const after = await lookUpSession(db, session.token);
    expect(after.state === 'active' && after.session.user.twoStepEnabled).toBe(true);
  });

  it('asks staff for a code at sign-in and cannot be turned off by them', async () => {
    const db = testDb();
    const now = new Date();
    const staff = await createStaffMember(db, ['clinical']);
    const pending = await passwordStep(staff.userId, 'staff', now);
    expect(pending.awaitingSecondFactor).toBe(true);
    expect(
      await verifySecondFactor(
        db,
        pending.token,
        totpCodeAt(FACTORY_TOTP_SECRET, now),
        testMeta,
        now,
      ),
    ).toMatchObject({ ok: true, kind: 'staff' });
    actAs(await openSession(db, staff));
    expect(await turnOffMyTwoStep({ currentPassword: FACTORY_PASSWORD })).toMatchObject({
      ok: false,
      formError: 'We could not find that page.',
    });
  });
});

describe('turning it off and resetting it', () => {
  it('lets a parent turn it off with the current password, and emails them', async () => {
    const db = testDb();
    const { parent } = await parentWithTwoStep(new Date());
    actAs(await openSession(db, parent));
    expect(await turnOffMyTwoStep({ currentPassword: 'not-the-password-at-all' })).toMatchObject({
      ok: false,
      fieldErrors: { currentPassword: expect.any(String) },
    });
    expect(await redirectOf(turnOffMyTwoStep({ currentPassword: FACTORY_PASSWORD }))).toBe(
      '/account/two-step?notice=off',
    );
    const [row] = await db.select().from(users).where(eq(users.id, parent.id));
    expect(row).toMatchObject({ totpSecret: null, totpEnabledAt: null });
    expect(
      await db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, parent.id)),
    ).toEqual([]);
    const [mail] = await db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.toAddress, parent.email), eq(mailOutbox.template, 'two-step-off')));
    expect(mail).toBeDefined();
  });

  it('lets only an administrator reset it, after verifying the person, ending their sessions', async () => {
    const db = testDb();
    const staff = await createStaffMember(db, ['front_desk']);
    const staffSession = await openSession(db, staff);
    const frontDesk = await createStaffMember(db, ['front_desk']);
    actAs(await openSession(db, frontDesk));
    expect(
      await resetTwoStepVerification({ accountId: staff.id, ...callerVerified }),
    ).toMatchObject({
      ok: false,
      formError: 'We could not find that page.',
    });

    const admin = await createStaffMember(db, ['admin']);
    actAs(await openSession(db, admin));
    expect(
      await resetTwoStepVerification({
        accountId: staff.id,
        confirmedDateOfBirth: false,
        confirmedAddressOrPhone: false,
        otherVerification: 'seen in person',
      }),
    ).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/at least two things/),
    });
    expect(
      await resetTwoStepVerification({
        accountId: staff.id,
        confirmedDateOfBirth: false,
        confirmedAddressOrPhone: true,
        otherVerification: 'seen in person with badge',
      }),
    ).toEqual({ ok: true, data: { wasOn: true } });

    const [row] = await db.select().from(users).where(eq(users.id, staff.id));
    expect(row).toMatchObject({ totpSecret: null, totpEnabledAt: null, totpLastUsedStep: null });
    expect((await lookUpSession(db, staffSession.token)).state).toBe('none');
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, 'two_step.reset_by_staff'), eq(auditEvents.targetId, staff.id)),
      );
    expect(event).toMatchObject({
      actorId: admin.id,
      metadata: {
        confirmedAddressOrPhone: true,
        otherVerification: true,
        accountKind: 'staff',
        sessionsEnded: 1,
      },
    });
    // Their next sign-in needs only the password, and then the set-up.
    const next = await passwordStep(staff.userId, 'staff', new Date());
    expect(next.awaitingSecondFactor).toBe(false);
    const lookup = await lookUpSession(db, next.token);
    actAs(lookup.state === 'active' ? lookup.session : null);
    expect(await redirectOf(requireStaff())).toBe('/staff/two-step');
  });
});
