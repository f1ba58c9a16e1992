import 'server-only';

import { createHmac } from 'node:crypto';
import { and, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';

import type { Db } from '@/db';
import { signInThrottles, type AccountKind } from '@/db/schema';
import { secret } from '@/lib/secrets';

/**
 * Growing delays in the manner of NIST SP 800-63B-4 §3.2.2 (rate limiting): a few tries back to
 * back, then a wait that doubles with each further failure, up to a ceiling. A try is claimed
 * (and counted as a failure) in one statement before the secret is checked, so N simultaneous
 * tries check at most what the policy allows; a try that proves right hands its claim back.
 */
export interface DelayPolicy {
  freeTries: number;
  firstDelaySeconds: number;
  maxDelaySeconds: number;
  /** Quiet time after which the count starts again; null keeps it until a success or the office. */
  forgetAfterSeconds: number | null;
}

/**
 * One account (or one name) from one address: five tries, then 30 s, 1 min, 2 min… up to 15
 * minutes between tries. Only that address waits: the owner elsewhere is not slowed.
 */
export const perAddressPolicy: DelayPolicy = {
  freeTries: 5,
  firstDelaySeconds: 30,
  maxDelaySeconds: 15 * 60,
  forgetAfterSeconds: 24 * 3600,
};

/**
 * One account from everywhere: the 100 consecutive failures NIST allows, then no further tries
 * for a day unless the owner uses the emailed link or the help desk unlocks the account.
 */
export const ACCOUNT_FAILURE_CEILING = 100;
export const perAccountPolicy: DelayPolicy = {
  freeTries: ACCOUNT_FAILURE_CEILING,
  firstDelaySeconds: 24 * 3600,
  maxDelaySeconds: 24 * 3600,
  forgetAfterSeconds: null,
};

/** Failures from everywhere at which the office's administrators are told of a sustained attack. */
export const ACCOUNT_ATTACK_ALERT = 20;

export type ThrottleSubject = { userId: string } | { name: string; kind: AccountKind };

/**
 * The key an account's throttles are kept under. A name that matches no account gets its own,
 * keyed by an HMAC of the name so the table holds no typed emails, and throttles exactly like
 * a real account: the answers cannot tell which names exist.
 */
function subjectKey(subject: ThrottleSubject): string {
  if ('userId' in subject) return `user:${subject.userId}`;
  const digest = createHmac('sha256', secret('AUTH_SECRET'))
    .update(`sign-in-name:${subject.kind}:${subject.name}`)
    .digest('base64url');
  return `name:${digest}`;
}

export function accountThrottleKey(subject: ThrottleSubject): string {
  return `sign-in:${subjectKey(subject)}`;
}

export function addressThrottleKey(subject: ThrottleSubject, ipAddress: string): string {
  return `sign-in:${subjectKey(subject)}|ip:${ipAddress}`;
}

function iso(date: Date) {
  return sql`${date.toISOString()}::timestamptz`;
}

function delaySeconds(failures: SQL, policy: DelayPolicy): SQL {
  return sql`(case when ${failures} < ${policy.freeTries} then 0 else least(${policy.maxDelaySeconds}::float8, ${policy.firstDelaySeconds}::float8 * power(2::float8, ${failures} - ${policy.freeTries})) end)`;
}

function delayFor(failures: number, policy: DelayPolicy): number {
  if (failures < policy.freeTries) return 0;
  return Math.min(
    policy.maxDelaySeconds,
    policy.firstDelaySeconds * 2 ** (failures - policy.freeTries),
  );
}

/**
 * Claims one try under `key`. Returns the failures counted with this one, or null when the key
 * must wait. One statement: of simultaneous claims, each sees the one before it.
 */
export async function claimThrottledTry(
  db: Db,
  key: string,
  userId: string | null,
  policy: DelayPolicy,
  now: Date,
): Promise<number | null> {
  const forgotten =
    policy.forgetAfterSeconds === null
      ? sql`false`
      : sql`${signInThrottles.updatedAt} <= ${iso(new Date(now.getTime() - policy.forgetAfterSeconds * 1000))}`;
  const previous = sql`(case when ${forgotten} then 0 else ${signInThrottles.failures} end)`;
  const counted = sql`(${previous} + 1)`;
  const [row] = await db
    .insert(signInThrottles)
    .values({
      key,
      userId,
      failures: 1,
      nextTryAt: new Date(now.getTime() + delayFor(1, policy) * 1000),
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: signInThrottles.key,
      set: {
        failures: counted,
        nextTryAt: sql`${iso(now)} + make_interval(secs => ${delaySeconds(counted, policy)})`,
        updatedAt: now,
      },
      setWhere: sql`(${signInThrottles.nextTryAt} <= ${iso(now)} or ${forgotten})`,
    })
    .returning({ failures: signInThrottles.failures });
  return row ? row.failures : null;
}

/**
 * Hands back a claim whose try was right (or never checked): one failure fewer, and no wait if
 * that brings the count back under the free tries.
 */
export async function releaseThrottledTry(
  db: Db,
  key: string,
  policy: DelayPolicy,
  now: Date,
): Promise<void> {
  await db
    .update(signInThrottles)
    .set({
      failures: sql`greatest(${signInThrottles.failures} - 1, 0)`,
      nextTryAt: sql`case when ${signInThrottles.failures} - 1 < ${policy.freeTries} then least(${signInThrottles.nextTryAt}, ${iso(now)}) else ${signInThrottles.nextTryAt} end`,
    })
    .where(eq(signInThrottles.key, key));
}

/**
 * After a full sign-in: forget the failures behind these keys. A key that is waiting (a lock
 * that simultaneous failures set while this try ran) is left as it is: a success must not undo
 * a lock that has already fired.
 */
export async function forgetFailures(db: Db, keys: string[], now: Date): Promise<void> {
  if (keys.length === 0) return;
  await db
    .delete(signInThrottles)
    .where(and(inArray(signInThrottles.key, keys), lte(signInThrottles.nextTryAt, now)));
}

/** The office's unlock, a password reset, an emailed unlock link: every throttle of the account goes. */
export async function clearAccountThrottles(db: Db, userId: string): Promise<void> {
  await db.delete(signInThrottles).where(eq(signInThrottles.userId, userId));
}

/** Throttle rows untouched for two days are of no further use (housekeeping). */
export async function pruneSignInThrottles(db: Db, now = new Date()): Promise<number> {
  const removed = await db
    .delete(signInThrottles)
    .where(
      and(
        lte(signInThrottles.updatedAt, new Date(now.getTime() - 48 * 3600_000)),
        lte(signInThrottles.nextTryAt, now),
      ),
    )
    .returning({ key: signInThrottles.key });
  return removed.length;
}
