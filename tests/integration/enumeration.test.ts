import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';

import { requestPasswordResetLink } from '@/app/(public)/forgot-password/actions';
import { emailMyUserId } from '@/app/(public)/forgot-user-id/actions';
import { signInParent } from '@/app/(public)/login/actions';
import { signUp } from '@/app/(public)/signup/actions';
import { rateLimitCounters, signInThrottles, users } from '@/db/schema';

import { actAs, createParent, createStaffMember, uniqueSuffix } from '../factories';
import { testDb, testDriver } from '../setup/database';
import { redirectOf, requestState } from '../setup/next-mocks';

/**
 * The public account pages must not tell a stranger whether an account exists: sign-in, "I forgot
 * my password" and "I forgot my User ID" answer an existing account exactly as they answer an
 * unknown one, in what they say and, within generous bounds, in how long they take.
 *
 * Two things are told on purpose. Sign-up says when a parent's User ID is taken, because the
 * person must choose another (staff User IDs are another namespace and never named). And sign-up
 * with a new email signs its maker in, which an email already on file cannot do (no account is
 * made; its owner is emailed): the trade-off is written up in docs/security.md. The page never
 * names the address as taken.
 */

let ipCounter = 0;
/** A fresh address for every request: no per-address limit is shared between calls. */
function nextIp(): string {
  ipCounter += 1;
  return `198.19.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}`;
}

/** Everything the browser gets back: the action's result and where it was sent. */
async function answerOf(
  call: () => Promise<unknown>,
): Promise<{ redirect: string; result: unknown }> {
  actAs(null, { ip: nextIp() });
  let result: unknown = '(redirected before returning)';
  const redirect = await redirectOf(
    call().then((value) => {
      result = value;
      return value;
    }),
  );
  return { redirect, result };
}

const WRONG_PASSWORD = 'not-the-right-password-41';
const NEW_PASSWORD = 'granite-willow-sparrow-93';

function signUpInput(overrides: { userId?: string; email?: string } = {}) {
  const userId = overrides.userId ?? `new.${uniqueSuffix()}`;
  return {
    firstName: 'Dana',
    lastName: 'Lopez',
    userId,
    email: overrides.email ?? `${userId}@example.org`,
    password: NEW_PASSWORD,
    confirmPassword: NEW_PASSWORD,
    hintQuestion: 'first_school',
    hintAnswer: 'Lincoln Elementary',
  };
}

beforeEach(() => actAs(null));

describe('the same answer for existing and unknown accounts', () => {
  it('sign-in: a wrong password for an existing User ID or email, a disabled account, a staff account on the parent page, and an unknown account', async () => {
    const db = testDb();
    const parent = await createParent(db);
    const disabled = await createParent(db, { disabledAt: new Date() });
    const staff = await createStaffMember(db, ['front_desk']);
    const answers = {
      existingUserId: await answerOf(() =>
        signInParent({ identifier: parent.userId, password: WRONG_PASSWORD }),
      ),
      existingEmail: await answerOf(() =>
        signInParent({ identifier: parent.email.toUpperCase(), password: WRONG_PASSWORD }),
      ),
      disabledAccount: await answerOf(() =>
        signInParent({ identifier: disabled.userId, password: WRONG_PASSWORD }),
      ),
      staffUserIdOnParentPage: await answerOf(() =>
        signInParent({ identifier: staff.userId, password: WRONG_PASSWORD }),
      ),
      unknownUserId: await answerOf(() =>
        signInParent({ identifier: `ghost.${uniqueSuffix()}`, password: WRONG_PASSWORD }),
      ),
      unknownEmail: await answerOf(() =>
        signInParent({
          identifier: `ghost.${uniqueSuffix()}@example.org`,
          password: WRONG_PASSWORD,
        }),
      ),
    };
    expect(answers.unknownUserId).toEqual({
      redirect: '(no redirect)',
      result: { ok: false, formError: 'The User ID/email or password is not correct.' },
    });
    for (const answer of Object.values(answers)) expect(answer).toEqual(answers.unknownUserId);
  });

  it('forgot password: an existing User ID or email (any case), a disabled account, a staff account, and an unknown one', async () => {
    const db = testDb();
    const parent = await createParent(db);
    const disabled = await createParent(db, { disabledAt: new Date() });
    const staff = await createStaffMember(db, ['front_desk']);
    const ask = (identifier: string) => answerOf(() => requestPasswordResetLink({ identifier }));
    const answers = {
      existingUserId: await ask(parent.userId),
      existingEmail: await ask(` ${parent.email.toUpperCase()} `),
      disabledAccount: await ask(disabled.email),
      staffAccount: await ask(staff.userId),
      unknownUserId: await ask(`ghost.${uniqueSuffix()}`),
      unknownEmail: await ask(`ghost.${uniqueSuffix()}@example.org`),
    };
    expect(answers.unknownUserId).toEqual({
      redirect: '/forgot-password?sent=1',
      result: '(redirected before returning)',
    });
    for (const answer of Object.values(answers)) expect(answer).toEqual(answers.unknownUserId);
  });

  it('forgot User ID: an email on file (any case), a staff address, and an unknown one', async () => {
    const db = testDb();
    const parent = await createParent(db);
    const staff = await createStaffMember(db, ['front_desk']);
    const ask = (email: string) => answerOf(() => emailMyUserId({ email }));
    const answers = {
      existingEmail: await ask(parent.email.toUpperCase()),
      staffEmail: await ask(staff.email),
      unknownEmail: await ask(`ghost.${uniqueSuffix()}@example.org`),
    };
    expect(answers.unknownEmail).toEqual({
      redirect: '/forgot-user-id?sent=1',
      result: '(redirected before returning)',
    });
    for (const answer of Object.values(answers)) expect(answer).toEqual(answers.unknownEmail);
  });

  it('sign-up: an email already on file (a parent’s or a staff member’s, any case) gets one answer, creates nothing and signs nobody in', async () => {
    const db = testDb();
    const parent = await createParent(db);
    const staff = await createStaffMember(db, ['clinical']);
    const usersBefore = (await db.select({ n: count() }).from(users))[0]!.n;
    const signInsBefore = requestState.cookieSignIns.length;
    const answers = {
      parentEmail: await answerOf(() => signUp(signUpInput({ email: parent.email.toUpperCase() }))),
      staffEmail: await answerOf(() => signUp(signUpInput({ email: staff.email }))),
    };
    expect(answers.parentEmail).toEqual({
      redirect: '/login?notice=created',
      result: '(redirected before returning)',
    });
    expect(answers.staffEmail).toEqual(answers.parentEmail);
    expect(requestState.cookieSignIns).toHaveLength(signInsBefore);
    expect((await db.select({ n: count() }).from(users))[0]!.n).toBe(usersBefore);

    // The one difference, accepted on purpose (docs/security.md, "Sign-up signs the new parent
    // in"): a new email makes an account and signs its maker in, so its answer differs.
    const newEmail = await answerOf(() => signUp(signUpInput()));
    expect(newEmail).toEqual({ redirect: '/welcome', result: '(redirected before returning)' });
    expect(requestState.cookieSignIns).toHaveLength(signInsBefore + 1);
    expect((await db.select({ n: count() }).from(users))[0]!.n).toBe(usersBefore + 1);
  });

  it('sign-up: a taken User ID is named (it must be changed), and the answer is the same whether or not the email is on file', async () => {
    const db = testDb();
    const parent = await createParent(db);
    const other = await createParent(db);
    const withOwnEmail = await answerOf(() =>
      signUp(signUpInput({ userId: parent.userId.toUpperCase(), email: parent.email })),
    );
    const withOtherEmail = await answerOf(() =>
      signUp(signUpInput({ userId: parent.userId, email: other.email })),
    );
    const withNewEmail = await answerOf(() => signUp(signUpInput({ userId: parent.userId })));
    expect(withNewEmail).toEqual({
      redirect: '(no redirect)',
      result: {
        ok: false,
        formError: 'Please correct the highlighted fields.',
        fieldErrors: { userId: 'That User ID is already taken. Please choose another.' },
      },
    });
    expect(withOwnEmail).toEqual(withNewEmail);
    expect(withOtherEmail).toEqual(withNewEmail);
    const [row] = await db
      .select({ email: users.email })
      .from(users)
      .where(eq(users.userId, parent.userId));
    expect(row?.email).toBe(parent.email);
  });

  it("sign-up: a staff member's User ID is not in the parents' namespace, so it is not named as taken", async () => {
    const db = testDb();
    const staffUserId = `probe.admin.${uniqueSuffix()}`;
    await createStaffMember(db, ['admin'], { userId: staffUserId });
    const staffUserIdAnswer = await answerOf(() =>
      signUp(signUpInput({ userId: staffUserId.toUpperCase() })),
    );
    const unusedAnswer = await answerOf(() => signUp(signUpInput()));
    expect(staffUserIdAnswer).toEqual(unusedAnswer);
    expect(staffUserIdAnswer.redirect).toBe('/welcome');
    // Two accounts now share the User ID, one at each door, and each door finds only its own.
    const holders = await db
      .select({ kind: users.kind })
      .from(users)
      .where(eq(sql`lower(${users.userId})`, staffUserId.toLowerCase()));
    expect(holders.map((holder) => holder.kind).sort()).toEqual(['parent', 'staff']);
    actAs(null, { ip: nextIp() });
    expect(
      await redirectOf(signInParent({ identifier: staffUserId, password: NEW_PASSWORD })),
    ).not.toBe('(no redirect)');
  });
});

// ─── Timing ─────────────────────────────────────────────────────────────────────────────────────

const SAMPLES = 50;
const WARM_UP = 3;
/** Medians may differ by 20% of the slower one, or by 5 ms when both are quick (scheduling noise). */
const MAX_RELATIVE_DIFFERENCE = 0.2;
const ABSOLUTE_FLOOR_MS = 5;

interface Comparison {
  existingMs: number;
  unknownMs: number;
  differenceMs: number;
  relativeDifference: number;
  samples: number;
  withinBounds: boolean;
}
const timings: Record<string, Comparison> = {};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function timed(call: () => Promise<unknown>): Promise<number> {
  actAs(null, { ip: nextIp() });
  const start = performance.now();
  await redirectOf(call());
  return performance.now() - start;
}

/**
 * Times the existing and the unknown case alternately (which goes first alternates too), after
 * a warm-up, so that a slow patch of the machine falls on both. `tidy` runs between samples,
 * untimed (e.g. clearing the failed-sign-in count so the account never locks).
 */
async function compare(
  name: string,
  existing: () => Promise<unknown>,
  unknown: () => Promise<unknown>,
  tidy: () => Promise<void> = async () => {},
): Promise<Comparison> {
  for (let i = 0; i < WARM_UP; i += 1) {
    await timed(existing);
    await timed(unknown);
    await tidy();
  }
  const existingTimes: number[] = [];
  const unknownTimes: number[] = [];
  for (let i = 0; i < SAMPLES; i += 1) {
    if (i % 2 === 0) {
      existingTimes.push(await timed(existing));
      unknownTimes.push(await timed(unknown));
    } else {
      unknownTimes.push(await timed(unknown));
      existingTimes.push(await timed(existing));
    }
    await tidy();
  }
  const existingMs = median(existingTimes);
  const unknownMs = median(unknownTimes);
  const differenceMs = Math.abs(existingMs - unknownMs);
  const relativeDifference = differenceMs / Math.max(existingMs, unknownMs);
  const comparison = {
    existingMs: Math.round(existingMs * 10) / 10,
    unknownMs: Math.round(unknownMs * 10) / 10,
    differenceMs: Math.round(differenceMs * 10) / 10,
    relativeDifference: Math.round(relativeDifference * 1000) / 1000,
    samples: SAMPLES,
    withinBounds:
      relativeDifference <= MAX_RELATIVE_DIFFERENCE || differenceMs <= ABSOLUTE_FLOOR_MS,
  };
  timings[name] = comparison;
  // Straight to stdout: the test runner keeps console output of passing files quiet.
  process.stdout.write(
    `${name}: median ${comparison.existingMs} ms for an existing account, ${comparison.unknownMs} ms for an unknown one (${(comparison.relativeDifference * 100).toFixed(1)}%)\n`,
  );
  return comparison;
}

// PGlite shares the test's one thread and this machine's cores with other work: its timings say
// little. On PostgreSQL the comparison is meaningful.
describe.runIf(Boolean(process.env.DATABASE_URL))(
  `response times over ${SAMPLES} samples each (PostgreSQL)`,
  () => {
    afterAll(() => {
      const dir = path.resolve(import.meta.dirname, '../../test-results');
      mkdirSync(dir, { recursive: true });
      const report = {
        generatedAt: new Date().toISOString(),
        driver: testDriver(),
        samples: SAMPLES,
        warmUp: WARM_UP,
        maxRelativeDifference: MAX_RELATIVE_DIFFERENCE,
        absoluteFloorMs: ABSOLUTE_FLOOR_MS,
        medians: timings,
      };
      writeFileSync(path.join(dir, 'enumeration.json'), `${JSON.stringify(report, null, 2)}\n`);
    });

    const TIMEOUT = 600_000;

    it(
      'sign-in: a throttled existing account and a throttled unknown name (no lock-out answer in 10 ms)',
      async () => {
        const db = testDb();
        const parent = await createParent(db);
        const ghost = `ghost.${uniqueSuffix()}`;
        for (let i = 0; i < 6; i += 1) {
          await signInParent({ identifier: parent.userId, password: WRONG_PASSWORD });
          await signInParent({ identifier: ghost, password: WRONG_PASSWORD });
        }
        const existing = await signInParent({
          identifier: parent.userId,
          password: WRONG_PASSWORD,
        });
        const unknown = await signInParent({ identifier: ghost, password: WRONG_PASSWORD });
        expect(existing).toEqual(unknown);
        expect(existing.ok).toBe(false);
        const result = await compare(
          'signInThrottled',
          () => signInParent({ identifier: parent.userId, password: WRONG_PASSWORD }),
          () => signInParent({ identifier: ghost, password: WRONG_PASSWORD }),
        );
        expect(result.withinBounds, JSON.stringify(result)).toBe(true);
      },
      TIMEOUT,
    );

    it(
      'sign-in: a wrong password for an existing account and an unknown account (both run bcrypt)',
      async () => {
        const db = testDb();
        const parent = await createParent(db);
        const result = await compare(
          'signIn',
          () => signInParent({ identifier: parent.userId, password: WRONG_PASSWORD }),
          () => signInParent({ identifier: `ghost.${uniqueSuffix()}`, password: WRONG_PASSWORD }),
          async () => {
            await db
              .update(users)
              .set({ failedSignInCount: 0, lockedUntil: null })
              .where(eq(users.id, parent.id));
            // Both sides are throttled alike by name and address; clear both so every sample
            // measures a checked password.
            await db.delete(signInThrottles).where(sql`true`);
            await db.delete(rateLimitCounters).where(sql`true`);
          },
        );
        expect(result.withinBounds, JSON.stringify(result)).toBe(true);
      },
      TIMEOUT,
    );

    it(
      'forgot password: an existing account and an unknown one',
      async () => {
        const parent = await createParent(testDb());
        const result = await compare(
          'forgotPassword',
          () => requestPasswordResetLink({ identifier: parent.email }),
          () => requestPasswordResetLink({ identifier: `ghost.${uniqueSuffix()}@example.org` }),
        );
        expect(result.withinBounds, JSON.stringify(result)).toBe(true);
      },
      TIMEOUT,
    );

    it(
      'forgot User ID: an email on file and an unknown one',
      async () => {
        const parent = await createParent(testDb());
        const result = await compare(
          'forgotUserId',
          () => emailMyUserId({ email: parent.email }),
          () => emailMyUserId({ email: `ghost.${uniqueSuffix()}@example.org` }),
        );
        expect(result.withinBounds, JSON.stringify(result)).toBe(true);
      },
      TIMEOUT,
    );
  },
);
