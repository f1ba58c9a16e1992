import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';

import { auditEvents, sessions, users } from '@/db/schema';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { env, resetEnvForTesting, signInPolicy } from '@/lib/env';

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

  it('locks the account after 10 consecutive failures, refuses even the right password, and lets it in after 15 minutes', async () => {
    const db = testDb();
    const parent = await createParent(db);
    const start = new Date('2026-06-01T10:00:00Z');
    for (let attempt = 1; attempt <= signInPolicy.accountFailureLimit; attempt += 1) {
      const result = await signInWithPassword(
        db,
        { identifier: parent.userId, password: `wrong-guess-${attempt}-xx`, kind: 'parent' },
        metaFor('192.0.2.4'),
        start,
      );
      expect(result).toEqual({ ok: false, reason: 'invalid' });
    }
    const [locked] = await db.select().from(users).where(eq(users.id, parent.id));
    expect(locked?.failedSignInCount).toBe(10);
    expect(locked?.lockedUntil?.toISOString()).toBe('2026-06-01T10:15:00.000Z');
    const lockEvents = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'auth.locked_out'), eq(auditEvents.targetId, parent.id)));
    expect(lockEvents).toHaveLength(1);

    const eleventh = await signInWithPassword(
      db,
      { identifier: parent.userId, password: FACTORY_PASSWORD, kind: 'parent' },
      metaFor('192.0.2.4'),
      new Date('2026-06-01T10:14:00Z'),
    );
    expect(eleventh).toEqual({ ok: false, reason: 'locked' });

    const later = await signInWithPassword(
      db,
      { identifier: parent.userId, password: FACTORY_PASSWORD, kind: 'parent' },
      metaFor('192.0.2.4'),
      new Date('2026-06-01T10:16:00Z'),
    );
    expect(later.ok).toBe(true);
    const [reset] = await db.select().from(users).where(eq(users.id, parent.id));
    expect(reset).toMatchObject({ failedSignInCount: 0, lockedUntil: null });
  });

  it('starts counting again after a lock has run out', async () => {
    const db = testDb();
    const parent = await createParent(db, {
      failedSignInCount: 10,
      lockedUntil: new Date('2026-06-01T09:00:00Z'),
    });
    await signInWithPassword(
      db,
      { identifier: parent.userId, password: 'wrong-again-12345', kind: 'parent' },
      metaFor('192.0.2.5'),
      new Date('2026-06-01T10:00:00Z'),
    );
    const [row] = await db.select().from(users).where(eq(users.id, parent.id));
    expect(row).toMatchObject({ failedSignInCount: 1, lockedUntil: null });
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
