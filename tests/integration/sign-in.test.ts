import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';

import { auditEvents, mailOutbox, sessions, signInThrottles } from '@/db/schema';
import { signInWithPassword } from '@/lib/auth/sign-in';
import {
  ACCOUNT_ATTACK_ALERT,
  ACCOUNT_FAILURE_CEILING,
  accountThrottleKey,
  perAddressPolicy,
} from '@/lib/auth/throttle';
import { env, resetEnvForTesting } from '@/lib/env';
import { listAccountsUnderAttack, unlockAccount } from '@/lib/staff/help-desk';

import {
  createParent,
  createStaffMember,
  FACTORY_PASSWORD,
  testMeta,
  uniqueSuffix,
} from '../factories';
import { testDb } from '../setup/database';

const metaFor = (ip: string) => ({
  ...testMeta,
  ipAddress: ip,
  requestId: `req-${uniqueSuffix()}`,
});

describe('signInWithPassword', () => {
  it('opens a session for the right password, by User ID or email, in any letter case', async () => {
    const db = testDb();
    const parent = await createParent(db);
    for (const identifier of [parent.userId.toUpperCase(), parent.email.toUpperCase()]) {
      const result = await signInWithPassword(
        db,
        { identifier, password: FACTORY_PASSWORD, kind: 'parent' },
        metaFor('192.0.2.1'),
      );
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      const [session] = await db.select().from(sessions).where(eq(sessions.id, result.sessionId));
      expect(session?.userId).toBe(parent.id);
      // Only a hash of the cookie's token is stored.
      expect(session?.tokenHash).not.toContain(result.token);
      expect(session?.idleTimeoutSeconds).toBe(30 * 60);
    }
    const events = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, parent.id), eq(auditEvents.action, 'auth.signed_in')));
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      actorKind: 'parent',
      outcome: 'success',
      ipAddress: '192.0.2.1',
      userAgent: 'vitest',
    });
  });

  it('gives the same answer for a wrong password and an unknown account, and audits both', async () => {
    const db = testDb();
    const parent = await createParent(db);
    const wrong = await signInWithPassword(
      db,
      { identifier: parent.userId, password: 'not-the-password-123', kind: 'parent' },
      metaFor('192.0.2.2'),
    );
    const unknown = await signInWithPassword(
      db,
      { identifier: `nobody.${uniqueSuffix()}`, password: 'not-the-password-123', kind: 'parent' },
      metaFor('192.0.2.2'),
    );
    expect(wrong).toEqual({ ok: false, reason: 'invalid' });
    expect(unknown).toEqual(wrong);
    const failures = await db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, 'auth.sign_in_failed'), eq(auditEvents.ipAddress, '192.0.2.2')),
      );
    expect(failures.map((f) => f.metadata.reason).sort()).toEqual([
      'bad_password',
      'unknown_account',
    ]);
    expect(JSON.stringify(failures)).not.toContain('not-the-password');
  });

  it('keeps parents and staff apart: a staff account cannot sign in on the parent page', async () => {
    const db = testDb();
    const staff = await createStaffMember(db, ['admin']);
    const asParent = await signInWithPassword(
      db,
      { identifier: staff.userId, password: FACTORY_PASSWORD, kind: 'parent' },
      metaFor('192.0.2.3'),
    );
    const asStaff = await signInWithPassword(
      db,
      { identifier: staff.userId, password: FACTORY_PASSWORD, kind: 'staff' },
      metaFor('192.0.2.3'),
    );
    expect(asParent.ok).toBe(false);
    expect(asStaff.ok).toBe(true);
  });

  it('slows one address after 5 failures on an account with growing delays, while the owner elsewhere gets in', async () => {
    const db = testDb();
    const parent = await createParent(db);
    const t0 = new Date('2026-06-01T10:00:00Z');
    const seconds = (n: number) => new Date(t0.getTime() + n * 1000);
    const attacker = metaFor('192.0.2.4');
    const tryAt = (password: string, meta: ReturnType<typeof metaFor>, when: Date) =>
      signInWithPassword(db, { identifier: parent.userId, password, kind: 'parent' }, meta, when);
    for (let attempt = 1; attempt <= perAddressPolicy.freeTries; attempt += 1)
      expect(await tryAt(`wrong-guess-${attempt}-xx`, attacker, t0)).toEqual({
        ok: false,
        reason: 'invalid',
      });
    // From that address, even the right password now waits 30 seconds, and the answer is the
    // one any name gets.
    expect(await tryAt(FACTORY_PASSWORD, attacker, seconds(29))).toEqual({
      ok: false,
      reason: 'rate_limited',
    });
    // The owner at home is not slowed at all.
    expect((await tryAt(FACTORY_PASSWORD, metaFor('198.51.100.8'), seconds(1))).ok).toBe(true);
    // The attacker's wait doubles with each further failure: 30 s, then 60 s.
    expect(await tryAt('wrong-guess-6-xx', attacker, seconds(30))).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(await tryAt('wrong-guess-7-xx', attacker, seconds(89))).toEqual({
      ok: false,
      reason: 'rate_limited',
    });
    expect(await tryAt('wrong-guess-7-xx', attacker, seconds(90))).toEqual({
      ok: false,
      reason: 'invalid',
    });
    const lockEvents = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'auth.locked_out'), eq(auditEvents.targetId, parent.id)));
    expect(lockEvents).toHaveLength(0);
  });

  it('throttles an unknown name exactly like an account, so the answers cannot tell them apart', async () => {
    const db = testDb();
    const parent = await createParent(db);
    const t0 = new Date('2026-06-01T11:00:00Z');
    const answers = async (identifier: string) => {
      const seen = [];
      for (let attempt = 1; attempt <= perAddressPolicy.freeTries + 2; attempt += 1) {
        const result = await signInWithPassword(
          db,
          { identifier, password: `wrong-guess-${attempt}-xx`, kind: 'parent' },
          metaFor('192.0.2.40'),
          t0,
        );
        seen.push(result.ok ? 'ok' : result.reason);
      }
      return seen;
    };
    const known = await answers(parent.userId);
    const unknown = await answers(`nobody.${uniqueSuffix()}`);
    expect(known).toEqual([
      ...Array<string>(perAddressPolicy.freeTries).fill('invalid'),
      'rate_limited',
      'rate_limited',
    ]);
    expect(unknown).toEqual(known);
  });

  it('pauses an account after 100 failures from everywhere, tells the administrators at 20 and at 100, emails the owner a way back in, and the help desk can lift it', async () => {
    const db = testDb();
    const parent = await createParent(db);
    const admin = await createStaffMember(db, ['admin']);
    const t0 = new Date('2026-06-03T10:00:00Z');
    const key = accountThrottleKey({ userId: parent.id });
    const wrongFrom = (ip: string) =>
      signInWithPassword(
        db,
        { identifier: parent.userId, password: 'wrong-guess-xx-1', kind: 'parent' },
        metaFor(ip),
        t0,
      );
    const setFailures = (failures: number) =>
      db
        .insert(signInThrottles)
        .values({ key, userId: parent.id, failures, nextTryAt: t0, updatedAt: t0 })
        .onConflictDoUpdate({ target: signInThrottles.key, set: { failures } });
    const alerts = () =>
      db
        .select()
        .from(mailOutbox)
        .where(
          and(eq(mailOutbox.toAddress, admin.email), eq(mailOutbox.template, 'sign-in-attack')),
        );

    await setFailures(ACCOUNT_ATTACK_ALERT - 1);
    await wrongFrom('203.0.113.1');
    expect(await alerts()).toHaveLength(1);
    expect((await alerts())[0]!.textBody).not.toContain(parent.userId);

    await setFailures(ACCOUNT_FAILURE_CEILING - 1);
    expect(await wrongFrom('203.0.113.2')).toEqual({ ok: false, reason: 'invalid' });
    expect(await alerts()).toHaveLength(2);
    const [paused] = await db
      .select()
      .from(mailOutbox)
      .where(
        and(eq(mailOutbox.toAddress, parent.email), eq(mailOutbox.template, 'sign-in-paused')),
      );
    expect(paused?.textBody).toContain('/reset-password?token=');
    // Now not even the owner's right password from a fresh address gets in...
    const owner = () =>
      signInWithPassword(
        db,
        { identifier: parent.userId, password: FACTORY_PASSWORD, kind: 'parent' },
        metaFor('198.51.100.9'),
        new Date(t0.getTime() + 3600_000),
      );
    expect(await owner()).toEqual({ ok: false, reason: 'rate_limited' });
    expect(await listAccountsUnderAttack(db, t0)).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: parent.id, failures: 100 })]),
    );
    // ...until the help desk lifts the pause.
    await unlockAccount(db, parent.id);
    expect((await owner()).ok).toBe(true);
  });

  it('lets the help desk lift the pause of a staff account too', async () => {
    const db = testDb();
    const staff = await createStaffMember(db, ['clinical']);
    const t0 = new Date('2026-06-04T10:00:00Z');
    await db.insert(signInThrottles).values({
      key: accountThrottleKey({ userId: staff.id }),
      userId: staff.id,
      failures: ACCOUNT_FAILURE_CEILING,
      nextTryAt: new Date(t0.getTime() + 24 * 3600_000),
      updatedAt: t0,
    });
    const attempt = () =>
      signInWithPassword(
        db,
        { identifier: staff.userId, password: FACTORY_PASSWORD, kind: 'staff' },
        metaFor('198.51.100.10'),
        t0,
      );
    expect(await attempt()).toEqual({ ok: false, reason: 'rate_limited' });
    expect(await unlockAccount(db, staff.id)).toEqual({ kind: 'staff' });
    expect((await attempt()).ok).toBe(true);
  });

  it('throttles an address after the configured number of failures, before checking any password', async () => {
    const db = testDb();
    const parent = await createParent(db);
    // A small limit keeps the test quick; the rule is the same at the default of 100.
    process.env.SIGNIN_IP_FAILURE_LIMIT = '5';
    resetEnvForTesting();
    const limit = env().SIGNIN_IP_FAILURE_LIMIT;
    expect(limit).toBe(5);
    const ip = '192.0.2.99';
    const now = new Date('2026-06-02T10:00:00Z');
    for (let i = 0; i < limit; i += 1) {
      await signInWithPassword(
        db,
        { identifier: `nobody-${i}`, password: 'irrelevant-password', kind: 'parent' },
        metaFor(ip),
        now,
      );
    }
    const blocked = await signInWithPassword(
      db,
      { identifier: parent.userId, password: FACTORY_PASSWORD, kind: 'parent' },
      metaFor(ip),
      now,
    );
    expect(blocked).toEqual({ ok: false, reason: 'rate_limited' });
    // Another address on the same account is unaffected.
    const elsewhere = await signInWithPassword(
      db,
      { identifier: parent.userId, password: FACTORY_PASSWORD, kind: 'parent' },
      metaFor('192.0.2.100'),
      now,
    );
    expect(elsewhere.ok).toBe(true);
    delete process.env.SIGNIN_IP_FAILURE_LIMIT;
    resetEnvForTesting();
  });

  it('refuses a disabled account with the generic answer', async () => {
    const db = testDb();
    const staff = await createStaffMember(db, ['clinical'], { disabledAt: new Date() });
    const result = await signInWithPassword(
      db,
      { identifier: staff.userId, password: FACTORY_PASSWORD, kind: 'staff' },
      metaFor('192.0.2.6'),
    );
    expect(result).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('rate-limit counters', () => {
  it('are pruned a day after their window', async () => {
    const { countHit, hitsInWindow, pruneRateLimitCounters } = await import('@/lib/rate-limit');
    const db = testDb();
    const old = new Date('2026-01-01T00:00:00Z');
    await countHit(db, 'prune-test', 900, old);
    expect(await hitsInWindow(db, 'prune-test', 900, old)).toBe(1);
    expect(
      await pruneRateLimitCounters(db, new Date('2026-01-03T00:00:00Z')),
    ).toBeGreaterThanOrEqual(1);
    expect(await hitsInWindow(db, 'prune-test', 900, old)).toBe(0);
  });
});
