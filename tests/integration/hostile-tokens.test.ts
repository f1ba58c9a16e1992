import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';

import { linkChild } from '@/app/(portal)/children/link/actions';
import { chooseOwnPassword } from '@/app/(public)/choose-password/actions';
import { resetPassword } from '@/app/(public)/forgot-password/actions';
import { signInParent } from '@/app/(public)/login/actions';
import SharedRecordPage from '@/app/(public)/share/[token]/page';
import { openShareWithCode } from '@/app/(public)/share/actions';
import { submitSecondFactor } from '@/app/session/two-step/actions';
import { sendTemporaryPassword } from '@/app/staff/(office)/accounts/actions';
import { completeStaffAccountSetup } from '@/app/staff/setup/actions';
import type { Database } from '@/db';
import {
  auditEvents,
  children,
  guardianships,
  passwordResets,
  pins,
  recordShares,
  recoveryCodes,
  sessions,
  staffSetupLinks,
  users,
} from '@/db/schema';
import {
  completePasswordReset,
  findPasswordReset,
  requestPasswordReset,
  RESET_HINT_ATTEMPTS,
} from '@/lib/accounts/password-reset';
import type { AuditAction } from '@/lib/audit/events';
import { hashHintAnswer } from '@/lib/auth/password';
import { lookUpSession, type ActiveSession } from '@/lib/auth/sessions';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { linkChildWithPin } from '@/lib/guardianship/link';
import { translateMessage } from '@/lib/i18n/server';
import { cancelPin, issuePin } from '@/lib/pins/issue';
import { PIN_ALPHABET } from '@/lib/pins/pin';
import { shareEndedMessages } from '@/lib/records/share-schemas';
import { createRecordShare, MAX_WRONG_CODES, revokeRecordShare } from '@/lib/records/shares';
import { issueTemporaryPassword } from '@/lib/staff/help-desk';
import {
  completeStaffSetup,
  findStaffSetupLink,
  issueStaffSetupLink,
  unusablePasswordHash,
} from '@/lib/staff/setup-links';
import { confirmEnrolment, startEnrolment } from '@/lib/two-step/enrolment';
import { verifySecondFactor } from '@/lib/two-step/sign-in-step';
import { newTotpSecret, timeStepAt, totpCodeAt } from '@/lib/two-step/totp';

import {
  actAs,
  callerVerified,
  createChild,
  createChildLinkedTo,
  createParent,
  createStaffMember,
  FACTORY_HINT_ANSWER,
  FACTORY_PASSWORD,
  openSession,
  signedInUser,
  testMeta,
  uniqueSuffix,
} from '../factories';
import { testDb, testDriver } from '../setup/database';
import { requestState, TestRedirect } from '../setup/next-mocks';

/**
 * Every kind of one-time secret the portal hands out, against every hostile way of presenting
 * one: expired, reused, padded, in another letter case, another account's. Each attempt must be
 * refused with a plain sentence, change nothing it guards, and leave exactly one failure event
 * in the audit trail for its request, or none when the form itself refused the input before any
 * secret was looked at (a malformed PIN or share code cannot match anything, so it is neither
 * counted against the link nor audited, like every other form error).
 *
 * Variants of the RIGHT secret that are accepted on purpose are listed, and checked, at the end.
 */

type TokenKind =
  | 'pin'
  | 'password reset link'
  | 'staff set-up link'
  | 'share link'
  | 'temporary password'
  | 'two-step code';

interface ExpectedAudit {
  action: AuditAction;
  reason: string;
  /** The user, session or share the event names (null: nothing could be named). */
  targetId?: string | null;
  metadata?: Record<string, unknown>;
}

interface Attempt {
  /** The signed-in session making the request, or null for a visitor. */
  as: ActiveSession | null;
  /** What next-auth's cookie carries: a sign-in waiting for its code. */
  cookie?: string;
  send: () => Promise<unknown>;
  /** The data the secret protects; it must read the same after the attempt. */
  guarded: () => Promise<unknown>;
  /** What the person is told. */
  says: RegExp;
  /** null: refused by the form's schema, before any secret is looked at. */
  audit: ExpectedAudit | null;
  /** Further checks after the attempt. */
  after?: () => Promise<void>;
}

interface Cell {
  variant: string;
  arrange: () => Promise<Attempt>;
}

const results: { kind: TokenKind; variant: string; audited: string; passed: boolean }[] = [];
const acceptedByDesign: { kind: TokenKind; variant: string; passed: boolean }[] = [];

let ipCounter = 0;
/** A fresh address for every request (198.18.0.0/15 is for benchmarks): no rate limit is shared between cells. */
function nextIp(): string {
  ipCounter += 1;
  return `198.18.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}`;
}
const arrangeMeta = () => ({
  ...testMeta,
  ipAddress: nextIp(),
  requestId: `req-${uniqueSuffix()}-arrange`,
});

const NEW_PASSWORD = 'harbor-violet-quilt-7265';

/** "K7M4Q-9XR2T" → "k7M4q-9xR2t". */
const mixedCase = (value: string) =>
  [...value].map((char, i) => (i % 2 ? char.toUpperCase() : char.toLowerCase())).join('');
/** ASCII → the full-width form an East Asian keyboard types ("1" → "１"). */
const fullWidth = (value: string) =>
  [...value]
    .map((char) =>
      char >= '!' && char <= '~' ? String.fromCharCode(char.charCodeAt(0) + 0xfee0) : char,
    )
    .join('');
const ZERO_WIDTH_SPACE = '\u200b';
const CYRILLIC_LOOK_ALIKES: Record<string, string> = {
  A: 'А',
  B: 'В',
  C: 'С',
  E: 'Е',
  H: 'Н',
  K: 'К',
  M: 'М',
  P: 'Р',
  T: 'Т',
  X: 'Х',
  Y: 'У',
};

/** What the person sees: the form's message and the messages next to its fields, a redirect, or the page. */
function shownText(answer: unknown): string {
  if (answer instanceof TestRedirect) return `redirect ${answer.location}`;
  if (answer && typeof answer === 'object' && 'ok' in answer) {
    const result = answer as {
      ok: boolean;
      formError?: string;
      fieldErrors?: Record<string, string>;
    };
    return [result.formError, ...Object.values(result.fieldErrors ?? {})]
      .filter(Boolean)
      .join(' | ');
  }
  return JSON.stringify(answer);
}

async function settle(promise: Promise<unknown>): Promise<unknown> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof TestRedirect) return error;
    throw error;
  }
}

async function runAttempt(attempt: Attempt) {
  const db = testDb();
  const before = await attempt.guarded();
  const sessionsHandedOut = requestState.cookieSignIns.length;
  actAs(attempt.as, { ip: nextIp() });
  requestState.cookieSessionToken = attempt.cookie ?? null;
  const requestId = requestState.headers.get('x-request-id')!;
  let answer: unknown;
  try {
    answer = await settle(attempt.send());
  } finally {
    requestState.cookieSessionToken = null;
  }

  // Refused, in words, with nothing of a stack or a crash in them.
  expect(answer).not.toMatchObject({ ok: true });
  const text = shownText(answer);
  expect(text).toMatch(attempt.says);
  expect(text).not.toMatch(
    /Something went wrong|\bError\b|\n\s+at |node_modules|\.tsx?:\d|undefined|\[object /,
  );

  // Nothing it guards has changed, and no session was handed to the browser.
  expect(await attempt.guarded()).toEqual(before);
  expect(requestState.cookieSignIns).toHaveLength(sessionsHandedOut);

  const events = await db.select().from(auditEvents).where(eq(auditEvents.requestId, requestId));
  if (attempt.audit) {
    expect(events.map((event) => event.action)).toEqual([attempt.audit.action]);
    expect(events[0]).toMatchObject({
      outcome: 'denied',
      ...(attempt.audit.targetId !== undefined ? { targetId: attempt.audit.targetId } : {}),
      metadata: expect.objectContaining({
        reason: attempt.audit.reason,
        ...attempt.audit.metadata,
      }),
    });
  } else {
    expect(events).toEqual([]);
  }
  await attempt.after?.();
}

function runCells(kind: TokenKind, cells: Cell[]) {
  describe(kind, () => {
    it.each(cells.map((cell) => [cell.variant, cell] as const))(
      'refuses %s',
      async (variant, cell) => {
        const record = { kind, variant, audited: 'not run', passed: false };
        results.push(record);
        const attempt = await cell.arrange();
        record.audited = attempt.audit
          ? `${attempt.audit.action} (${attempt.audit.reason})`
          : 'none: refused by the form before any secret is looked at';
        await runAttempt(attempt);
        record.passed = true;
      },
    );
  });
}

beforeEach(() => {
  actAs(null);
  requestState.cookieSessionToken = null;
});

afterAll(() => {
  const dir = path.resolve(import.meta.dirname, '../../test-results');
  mkdirSync(dir, { recursive: true });
  const byKind: Record<string, number> = {};
  for (const result of results) byKind[result.kind] = (byKind[result.kind] ?? 0) + 1;
  const summary = {
    generatedAt: new Date().toISOString(),
    driver: testDriver(),
    cells: results.length,
    passed: results.filter((result) => result.passed).length,
    audited: results.filter((result) => result.audited.startsWith('none') === false).length,
    refusedByForm: results.filter((result) => result.audited.includes('(malformed)')).length,
    byKind,
    acceptedByDesign,
    results,
  };
  writeFileSync(path.join(dir, 'hostile-tokens.json'), `${JSON.stringify(summary, null, 2)}\n`);
  // Straight to stdout: the test runner keeps console output of passing files quiet.
  process.stdout.write(
    `hostile tokens: ${summary.cells} cells (${summary.passed} passed; ${summary.audited} audited, ${summary.refusedByForm} of them refused by the form as malformed) ${JSON.stringify(byKind)}\n`,
  );
});

// ─── PINs ──────────────────────────────────────────────────────────────────────────────────────

const CHILD_DOB = '2019-05-20';
const NO_MATCH = /do not match an active PIN/;
const PIN_SHAPE = /The PIN has 10 letters and numbers|Check the PIN/;

async function pinScene() {
  const db = testDb();
  const staff = await createStaffMember(db, ['front_desk']);
  const child = await createChild(db, { dateOfBirth: CHILD_DOB });
  const otherChild = await createChild(db, { dateOfBirth: '2018-03-03' });
  const parent = await createParent(db);
  const session = await openSession(db, parent);
  const issue = (childId = child.id, at = new Date(), guardianName = 'Maria Lopez') =>
    issuePin(
      db,
      staff.id,
      { childId, ...callerVerified, guardianName, relationship: 'Mother' },
      at,
    );
  const guarded = async () => ({
    pins: await db
      .select({
        id: pins.id,
        redeemedAt: pins.redeemedAt,
        redeemedBy: pins.redeemedBy,
        cancelledAt: pins.cancelledAt,
      })
      .from(pins)
      .where(inArray(pins.childId, [child.id, otherChild.id]))
      .orderBy(asc(pins.id)),
    links: await db
      .select({
        id: guardianships.id,
        guardianUserId: guardianships.guardianUserId,
        status: guardianships.status,
      })
      .from(guardianships)
      .where(inArray(guardianships.childId, [child.id, otherChild.id]))
      .orderBy(asc(guardianships.id)),
  });
  const attempt = (
    pin: string,
    says: RegExp,
    audited: boolean,
    dateOfBirth = CHILD_DOB,
  ): Attempt => ({
    as: session,
    send: () => linkChild({ pin, dateOfBirth, relationship: 'mother', relationshipOther: '' }),
    guarded,
    says,
    // A PIN of the wrong shape is refused by the form, audited as malformed and not counted as a guess.
    audit: { action: 'guardianship.link_failed', reason: audited ? 'no_match' : 'malformed' },
  });
  return { db, staff, child, otherChild, parent, issue, attempt };
}

runCells('pin', [
  {
    variant: 'an expired PIN (issued 31 days ago) with the right birth date',
    arrange: async () => {
      const scene = await pinScene();
      const issued = await scene.issue(scene.child.id, new Date(Date.now() - 31 * 86_400_000));
      return scene.attempt(issued.pin, NO_MATCH, true);
    },
  },
  ...(
    [
      ['a PIN already redeemed by another parent', () => createParent(testDb())],
      ['a PIN reused by the parent who redeemed it', null],
    ] as const
  ).map(([variant, redeemer]) => ({
    variant,
    arrange: async () => {
      const scene = await pinScene();
      const issued = await scene.issue();
      const first = await linkChildWithPin(
        scene.db,
        signedInUser(redeemer ? await redeemer() : scene.parent),
        {
          pin: issued.pin.replace('-', ''),
          dateOfBirth: CHILD_DOB,
          relationship: 'mother',
          relationshipOther: '',
        },
        arrangeMeta(),
        new Date(),
        '2026-01-01',
      );
      expect(first.ok).toBe(true);
      return scene.attempt(issued.pin, NO_MATCH, true);
    },
  })),
  {
    variant: 'a PIN the office cancelled',
    arrange: async () => {
      const scene = await pinScene();
      const issued = await scene.issue();
      await cancelPin(scene.db, scene.staff.id, issued.pinId);
      return scene.attempt(issued.pin, NO_MATCH, true);
    },
  },
  {
    variant: 'an older PIN replaced by a newer letter to the same guardian',
    arrange: async () => {
      const scene = await pinScene();
      const older = await scene.issue();
      const newer = await scene.issue(scene.child.id, new Date(), '  maria   LOPEZ ');
      expect(newer.cancelledOlderPins).toBe(1);
      return scene.attempt(older.pin, NO_MATCH, true);
    },
  },
  {
    variant: 'another child’s PIN with this child’s birth date',
    arrange: async () => {
      const scene = await pinScene();
      await scene.issue();
      const other = await scene.issue(scene.otherChild.id);
      return scene.attempt(other.pin, NO_MATCH, true);
    },
  },
  {
    variant: 'another child’s PIN, padded and in mixed case, with this child’s birth date',
    arrange: async () => {
      const scene = await pinScene();
      await scene.issue();
      const other = await scene.issue(scene.otherChild.id);
      return scene.attempt(`  ${mixedCase(other.pin)}\t`, NO_MATCH, true);
    },
  },
  {
    variant: 'a PIN one character off, padded and in mixed case',
    arrange: async () => {
      const scene = await pinScene();
      const issued = await scene.issue();
      const chars = [...issued.pin.replace('-', '')];
      chars[3] = PIN_ALPHABET[(PIN_ALPHABET.indexOf(chars[3]!) + 1) % PIN_ALPHABET.length]!;
      return scene.attempt(` ${mixedCase(chars.join(''))} `, NO_MATCH, true);
    },
  },
  {
    variant: 'the right PIN with an 11th character',
    arrange: async () => {
      const scene = await pinScene();
      const issued = await scene.issue();
      return scene.attempt(`${issued.pin}7`, PIN_SHAPE, false);
    },
  },
  {
    variant: 'the right PIN with a Cyrillic look-alike letter',
    arrange: async () => {
      const scene = await pinScene();
      const issued = await scene.issue();
      const chars = [...issued.pin];
      const at = chars.findIndex((char) => char in CYRILLIC_LOOK_ALIKES);
      if (at >= 0) chars[at] = CYRILLIC_LOOK_ALIKES[chars[at]!]!;
      else chars[0] = 'А';
      return scene.attempt(chars.join(''), PIN_SHAPE, false);
    },
  },
  {
    variant: 'the right PIN in full-width characters',
    arrange: async () => {
      const scene = await pinScene();
      const issued = await scene.issue();
      return scene.attempt(fullWidth(issued.pin), PIN_SHAPE, false);
    },
  },
  {
    variant: 'the right PIN with a zero-width space inside',
    arrange: async () => {
      const scene = await pinScene();
      const issued = await scene.issue();
      return scene.attempt(issued.pin.replace('-', ZERO_WIDTH_SPACE), PIN_SHAPE, false);
    },
  },
]);

// ─── Password reset links ──────────────────────────────────────────────────────────────────────

const LINK_DEAD = /This link has expired or was already used/;
const OTHER_HINT_ANSWER = 'Rover';

/** What an emailed link guards: the accounts' passwords, their links and their sessions. */
async function linkGuarded(
  db: Database,
  links: typeof passwordResets | typeof staffSetupLinks,
  userIds: string[],
) {
  return {
    users: await db
      .select({
        id: users.id,
        passwordHash: users.passwordHash,
        passwordChangedAt: users.passwordChangedAt,
      })
      .from(users)
      .where(inArray(users.id, userIds))
      .orderBy(asc(users.id)),
    links: await db
      .select({ id: links.id, usedAt: links.usedAt, revokedAt: links.revokedAt })
      .from(links)
      .where(inArray(links.userId, userIds))
      .orderBy(asc(links.id)),
    sessions: await db
      .select({ id: sessions.id, endedAt: sessions.endedAt })
      .from(sessions)
      .where(inArray(sessions.userId, userIds))
      .orderBy(asc(sessions.id)),
  };
}

async function resetScene() {
  const db = testDb();
  const parent = await createParent(db);
  // Another family, with another hint answer: their link with this parent's answer must fail.
  const other = await createParent(db, { hintAnswerHash: await hashHintAnswer(OTHER_HINT_ANSWER) });
  const linkFor = async (user: { email: string }, at = new Date()) => {
    const { mail } = await requestPasswordReset(db, user.email, at);
    return new URL(mail!.text.match(/https?:\/\/\S+/)![0]).searchParams.get('token')!;
  };
  const guarded = () => linkGuarded(db, passwordResets, [parent.id, other.id]);
  /** The emailed link's form, sent with this parent's hint answer and a good new password. */
  const attempt = (token: string, audit: ExpectedAudit, says = LINK_DEAD): Attempt => ({
    as: null,
    send: () =>
      resetPassword({
        token,
        hintAnswer: FACTORY_HINT_ANSWER,
        newPassword: NEW_PASSWORD,
        confirmPassword: NEW_PASSWORD,
      }),
    guarded,
    says,
    audit,
    // The page the link opens shows no hint question for it either.
    after: async () => {
      if (audit.reason !== 'wrong_hint') expect(await findPasswordReset(db, token)).toBeNull();
    },
  });
  return { db, parent, other, linkFor, attempt };
}

const failedReset = (reason: string, targetId: string | null): ExpectedAudit => ({
  action: 'auth.password_reset_failed',
  reason,
  targetId,
});

runCells('password reset link', [
  {
    variant: 'an expired link (31 minutes old)',
    arrange: async () => {
      const scene = await resetScene();
      const token = await scene.linkFor(scene.parent, new Date(Date.now() - 31 * 60_000));
      return scene.attempt(token, failedReset('expired', scene.parent.id));
    },
  },
  {
    variant: 'a link reused after it reset the password',
    arrange: async () => {
      const scene = await resetScene();
      const token = await scene.linkFor(scene.parent);
      const done = await completePasswordReset(
        scene.db,
        {
          token,
          hintAnswer: FACTORY_HINT_ANSWER,
          newPassword: 'orbit-saffron-kettle-5512',
          confirmPassword: 'orbit-saffron-kettle-5512',
        },
        arrangeMeta(),
      );
      expect(done.ok).toBe(true);
      return scene.attempt(token, failedReset('used', scene.parent.id));
    },
  },
  {
    variant: 'an older link, turned off when a newer one reset the password',
    arrange: async () => {
      const scene = await resetScene();
      const older = await scene.linkFor(scene.parent);
      const newer = await scene.linkFor(scene.parent);
      expect(
        (
          await completePasswordReset(
            scene.db,
            {
              token: newer,
              hintAnswer: FACTORY_HINT_ANSWER,
              newPassword: 'orbit-saffron-kettle-5512',
              confirmPassword: 'orbit-saffron-kettle-5512',
            },
            arrangeMeta(),
          )
        ).ok,
      ).toBe(true);
      return scene.attempt(older, failedReset('revoked', scene.parent.id));
    },
  },
  {
    variant: 'a link stopped by 5 wrong answers, with the right answer',
    arrange: async () => {
      const scene = await resetScene();
      const token = await scene.linkFor(scene.parent);
      for (let i = 0; i < RESET_HINT_ATTEMPTS; i += 1)
        await completePasswordReset(
          scene.db,
          { token, hintAnswer: 'not it', newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
          arrangeMeta(),
        );
      return scene.attempt(
        token,
        failedReset('too_many_answers', scene.parent.id),
        /Too many wrong answers: for your safety, this link no longer works/,
      );
    },
  },
  {
    variant: 'a live link padded with a trailing space',
    arrange: async () => {
      const scene = await resetScene();
      const token = await scene.linkFor(scene.parent);
      return scene.attempt(`${token} `, failedReset('unknown_link', null));
    },
  },
  {
    variant: 'a live link padded with a leading space',
    arrange: async () => {
      const scene = await resetScene();
      const token = await scene.linkFor(scene.parent);
      return scene.attempt(` ${token}`, failedReset('unknown_link', null));
    },
  },
  {
    variant: 'a live link with a trailing character',
    arrange: async () => {
      const scene = await resetScene();
      const token = await scene.linkFor(scene.parent);
      return scene.attempt(`${token}A`, failedReset('unknown_link', null));
    },
  },
  {
    variant: 'a live link missing its last character',
    arrange: async () => {
      const scene = await resetScene();
      const token = await scene.linkFor(scene.parent);
      return scene.attempt(token.slice(0, -1), failedReset('unknown_link', null));
    },
  },
  {
    variant: 'a live link in upper case',
    arrange: async () => {
      const scene = await resetScene();
      const token = await scene.linkFor(scene.parent);
      expect(token.toUpperCase()).not.toBe(token);
      return scene.attempt(token.toUpperCase(), failedReset('unknown_link', null));
    },
  },
  {
    variant: 'another account’s live link with this account’s hint answer',
    arrange: async () => {
      const scene = await resetScene();
      await scene.linkFor(scene.parent);
      const theirs = await scene.linkFor(scene.other);
      return scene.attempt(
        theirs,
        failedReset('wrong_hint', scene.other.id),
        /not the answer we have/,
      );
    },
  },
]);

// ─── Staff set-up links ────────────────────────────────────────────────────────────────────────

const SETUP_LINK_DEAD = /This set-up link has expired or was already used/;

async function setupScene() {
  const db = testDb();
  // Made as the staff users page makes them: no password anyone knows until a link is used.
  const newMember = async () => {
    const member = await createStaffMember(db, ['clinical'], {
      passwordHash: await unusablePasswordHash(),
      totpSecret: null,
      totpEnabledAt: null,
    });
    return member;
  };
  const staff = await newMember();
  const other = await newMember();
  const linkFor = async (
    member: { id: string },
    at = new Date(),
    newAccount = true,
  ): Promise<string> => {
    const { url } = await db.transaction((tx) =>
      issueStaffSetupLink(tx, member.id, { newAccount }, at),
    );
    return new URL(url).searchParams.get('token')!;
  };
  const guarded = () => linkGuarded(db, staffSetupLinks, [staff.id, other.id]);
  const attempt = (token: string, reason: string, targetId: string | null): Attempt => ({
    as: null,
    send: () =>
      completeStaffAccountSetup({
        token,
        newPassword: NEW_PASSWORD,
        confirmPassword: NEW_PASSWORD,
      }),
    guarded,
    says: SETUP_LINK_DEAD,
    audit: { action: 'staff.setup_link_refused', reason, targetId },
    // The page the link opens offers no form for it either.
    after: async () => expect(await findStaffSetupLink(db, token)).toBeNull(),
  });
  const use = async (token: string) =>
    expect(
      await completeStaffSetup(
        db,
        {
          token,
          newPassword: 'orbit-saffron-kettle-5512',
          confirmPassword: 'orbit-saffron-kettle-5512',
        },
        arrangeMeta(),
      ),
    ).toMatchObject({ ok: true });
  return { db, staff, other, linkFor, attempt, use };
}

runCells('staff set-up link', [
  {
    variant: 'an expired link (73 hours old)',
    arrange: async () => {
      const scene = await setupScene();
      const token = await scene.linkFor(scene.staff, new Date(Date.now() - 73 * 3_600_000));
      return scene.attempt(token, 'expired', scene.staff.id);
    },
  },
  {
    variant: 'a link reused after it set the password',
    arrange: async () => {
      const scene = await setupScene();
      const token = await scene.linkFor(scene.staff);
      await scene.use(token);
      return scene.attempt(token, 'used', scene.staff.id);
    },
  },
  {
    variant: 'an older link, turned off when the admin sent a newer one',
    arrange: async () => {
      const scene = await setupScene();
      const older = await scene.linkFor(scene.staff);
      await scene.linkFor(scene.staff, new Date(), false);
      return scene.attempt(older, 'revoked', scene.staff.id);
    },
  },
  {
    variant: 'a live link of an account disabled since',
    arrange: async () => {
      const scene = await setupScene();
      const token = await scene.linkFor(scene.staff);
      await scene.db
        .update(users)
        .set({ disabledAt: new Date() })
        .where(eq(users.id, scene.staff.id));
      return scene.attempt(token, 'account_disabled', scene.staff.id);
    },
  },
  {
    variant: 'a live link padded with a trailing space',
    arrange: async () => {
      const scene = await setupScene();
      const token = await scene.linkFor(scene.staff);
      return scene.attempt(`${token} `, 'unknown_link', null);
    },
  },
  {
    variant: 'a live link with a trailing character',
    arrange: async () => {
      const scene = await setupScene();
      const token = await scene.linkFor(scene.staff);
      return scene.attempt(`${token}A`, 'unknown_link', null);
    },
  },
  {
    variant: 'a live link missing its last character',
    arrange: async () => {
      const scene = await setupScene();
      const token = await scene.linkFor(scene.staff);
      return scene.attempt(token.slice(0, -1), 'unknown_link', null);
    },
  },
  {
    variant: 'a live link in upper case',
    arrange: async () => {
      const scene = await setupScene();
      const token = await scene.linkFor(scene.staff);
      expect(token.toUpperCase()).not.toBe(token);
      return scene.attempt(token.toUpperCase(), 'unknown_link', null);
    },
  },
]);

// ─── Share links ───────────────────────────────────────────────────────────────────────────────

const CODE_SHAPE = /Enter the 4 numbers/;
const WRONG_CODE = /That code is not right/;

async function shareScene() {
  const db = testDb();
  const parent = await createParent(db);
  const child = await createChildLinkedTo(db, parent.id);
  const otherParent = await createParent(db);
  const otherChild = await createChildLinkedTo(db, otherParent.id);
  const makeShare = async (
    maker = parent.id,
    childId = child.id,
    options: { at?: Date; protectWithCode?: boolean } = {},
  ) => {
    const made = await db.transaction((tx) =>
      createRecordShare(
        tx,
        maker,
        { childId, label: null, validFor: '1d', protectWithCode: options.protectWithCode ?? true },
        options.at,
      ),
    );
    const [row] = await db.select().from(recordShares).where(eq(recordShares.id, made.shareId));
    return { ...made, token: made.url.split('/share/')[1]!, row: row! };
  };
  const guarded = async () =>
    db
      .select({
        id: recordShares.id,
        openCount: recordShares.openCount,
        lastOpenedAt: recordShares.lastOpenedAt,
        revokedAt: recordShares.revokedAt,
        expiresAt: recordShares.expiresAt,
      })
      .from(recordShares)
      .where(inArray(recordShares.childId, [child.id, otherChild.id]))
      .orderBy(asc(recordShares.id));
  const attemptsOn = async (shareId: string) =>
    (
      await db
        .select({ n: recordShares.failedCodeAttempts })
        .from(recordShares)
        .where(eq(recordShares.id, shareId))
    )[0]!.n;
  /** "Show the record" on the link's page. */
  const attempt = (
    token: string,
    code: string | undefined,
    says: RegExp,
    audit: ExpectedAudit | null,
  ): Attempt => ({
    as: null,
    send: () => openShareWithCode(code === undefined ? { token } : { token, code }),
    guarded,
    says,
    audit,
  });
  return { db, parent, child, otherParent, otherChild, makeShare, attemptsOn, attempt };
}

const refusedShare = (
  reason: string,
  targetId: string | null,
  metadata?: Record<string, unknown>,
): ExpectedAudit => ({ action: 'record.share_refused', reason, targetId, metadata });
const UNKNOWN_LINK = new RegExp(translateMessage('en', shareEndedMessages.not_found).slice(0, 30));
function wrongCodeFor(code: string): string {
  return String((Number(code) + 1) % 10_000).padStart(4, '0');
}

/** A wrong code leaves the link with one try fewer; a code the form refused leaves it as it was. */
function codeCounted(
  scene: Awaited<ReturnType<typeof shareScene>>,
  shareId: string,
  expected: number,
) {
  return async () => expect(await scene.attemptsOn(shareId)).toBe(expected);
}

runCells('share link', [
  {
    variant: 'an expired link, with the right code',
    arrange: async () => {
      const scene = await shareScene();
      const share = await scene.makeShare(scene.parent.id, scene.child.id, {
        at: new Date(Date.now() - 48 * 3_600_000),
      });
      return scene.attempt(
        share.token,
        share.accessCode!,
        /has expired/,
        refusedShare('expired', share.shareId),
      );
    },
  },
  ...(
    [
      [
        'a link the guardian turned off',
        'revoked',
        /has been turned off/,
        (scene, shareId) =>
          scene.db.transaction((tx) => revokeRecordShare(tx, scene.parent.id, shareId)),
      ],
      [
        'a link locked by 5 wrong codes',
        'locked',
        /too many wrong codes/,
        (scene, shareId) =>
          scene.db
            .update(recordShares)
            .set({ failedCodeAttempts: MAX_WRONG_CODES })
            .where(eq(recordShares.id, shareId)),
      ],
      [
        'a link whose maker no longer sees the child (now of age)',
        'guardian_access_ended',
        /has been turned off/,
        (scene) =>
          scene.db
            .update(children)
            .set({ dateOfBirth: '2000-01-01' })
            .where(eq(children.id, scene.child.id)),
      ],
    ] as [
      string,
      string,
      RegExp,
      (scene: Awaited<ReturnType<typeof shareScene>>, shareId: string) => Promise<unknown>,
    ][]
  ).map(([variant, reason, says, endIt]) => ({
    variant: `${variant}, with the right code`,
    arrange: async () => {
      const scene = await shareScene();
      const share = await scene.makeShare();
      await endIt(scene, share.shareId);
      return scene.attempt(
        share.token,
        share.accessCode!,
        says,
        refusedShare(reason, share.shareId),
      );
    },
  })),
  {
    variant: 'an unknown link',
    arrange: async () => {
      const scene = await shareScene();
      await scene.makeShare();
      return scene.attempt(
        `${uniqueSuffix()}${uniqueSuffix()}${uniqueSuffix()}${uniqueSuffix()}${uniqueSuffix()}xyz`,
        '1234',
        UNKNOWN_LINK,
        refusedShare('unknown_link', null),
      );
    },
  },
  ...(
    [
      ['a live link padded with a trailing space', (token: string) => `${token} `],
      ['a live link padded with a leading space', (token: string) => ` ${token}`],
      ['a live link with a trailing character', (token: string) => `${token}A`],
      ['a live link in upper case', (token: string) => token.toUpperCase()],
      ['a live link in lower case', (token: string) => token.toLowerCase()],
    ] as const
  ).map(([variant, alter]) => ({
    variant: `${variant}, with the right code`,
    arrange: async () => {
      const scene = await shareScene();
      const share = await scene.makeShare();
      expect(alter(share.token)).not.toBe(share.token);
      return {
        ...scene.attempt(
          alter(share.token),
          share.accessCode!,
          UNKNOWN_LINK,
          refusedShare('unknown_link', null),
        ),
        after: codeCounted(scene, share.shareId, 0),
      };
    },
  })),
  ...(
    [
      ['another child’s link with this link’s code', 'theirs'],
      ['this link with another child’s link’s code', 'mine'],
    ] as const
  ).map(([variant, tried]) => ({
    variant,
    arrange: async () => {
      const scene = await shareScene();
      const mine = await scene.makeShare();
      let theirs = await scene.makeShare(scene.otherParent.id, scene.otherChild.id);
      while (theirs.accessCode === mine.accessCode)
        theirs = await scene.makeShare(scene.otherParent.id, scene.otherChild.id);
      // One link, with the code of the other.
      const [link, code] = tried === 'theirs' ? [theirs, mine] : [mine, theirs];
      return {
        ...scene.attempt(
          link.token,
          code.accessCode!,
          WRONG_CODE,
          refusedShare('wrong_code', link.shareId, { attemptsLeft: MAX_WRONG_CODES - 1 }),
        ),
        after: codeCounted(scene, link.shareId, 1),
      };
    },
  })),
  {
    variant: 'a wrong code padded with a leading space',
    arrange: async () => {
      const scene = await shareScene();
      const share = await scene.makeShare();
      return {
        ...scene.attempt(
          share.token,
          ` ${wrongCodeFor(share.accessCode!)}`,
          WRONG_CODE,
          refusedShare('wrong_code', share.shareId, { attemptsLeft: MAX_WRONG_CODES - 1 }),
        ),
        after: codeCounted(scene, share.shareId, 1),
      };
    },
  },
  ...(
    [
      ['in full-width digits', fullWidth],
      ['with a fifth digit', (code: string) => `${code}0`],
      [
        'with a zero-width space inside',
        (code: string) => `${code.slice(0, 2)}${ZERO_WIDTH_SPACE}${code.slice(2)}`,
      ],
    ] as const
  ).map(([variant, alter]) => ({
    variant: `the right code ${variant}`,
    arrange: async () => {
      const scene = await shareScene();
      const share = await scene.makeShare();
      return {
        ...scene.attempt(share.token, alter(share.accessCode!), CODE_SHAPE, {
          action: 'record.share_refused',
          reason: 'malformed',
        }),
        after: codeCounted(scene, share.shareId, 0),
      };
    },
  })),
  {
    variant: 'a live link in upper case, opened as a page (what a link preview fetches)',
    arrange: async () => {
      const scene = await shareScene();
      const share = await scene.makeShare();
      return {
        ...scene.attempt(
          share.token,
          undefined,
          /redirect \/__not-found/,
          refusedShare('unknown_link', null),
        ),
        send: () =>
          SharedRecordPage({ params: Promise.resolve({ token: share.token.toUpperCase() }) }),
      };
    },
  },
  {
    variant: 'an expired link, opened as a page',
    arrange: async () => {
      const scene = await shareScene();
      const share = await scene.makeShare(scene.parent.id, scene.child.id, {
        at: new Date(Date.now() - 48 * 3_600_000),
      });
      const attempt = scene.attempt(
        share.token,
        undefined,
        /has expired/,
        refusedShare('expired', share.shareId),
      );
      return {
        ...attempt,
        send: () => SharedRecordPage({ params: Promise.resolve({ token: share.token }) }),
        // The page says the link ended and shows nothing of whose it was.
        after: async () =>
          expect(
            JSON.stringify(
              await SharedRecordPage({ params: Promise.resolve({ token: share.token }) }),
            ),
          ).not.toContain(scene.child.lastName),
      };
    },
  },
]);

// ─── Temporary passwords from the office ───────────────────────────────────────────────────────

const SIGN_IN_REFUSED = /^The User ID\/email or password is not correct\.$/;

async function temporaryPasswordScene() {
  const db = testDb();
  const parent = await createParent(db);
  const other = await createParent(db);
  const frontDesk = await openSession(db, await createStaffMember(db, ['front_desk']));
  /** The office's "send a temporary password", as the front desk does it. */
  const issue = async (account: { id: string }) => {
    actAs(frontDesk);
    const sent = await sendTemporaryPassword({ accountId: account.id, ...callerVerified });
    if (!sent.ok) throw new Error(JSON.stringify(sent));
    return sent.data.temporaryPassword;
  };
  const guarded = async () => ({
    users: await db
      .select({
        id: users.id,
        passwordHash: users.passwordHash,
        mustChangePassword: users.mustChangePassword,
        temporaryPasswordExpiresAt: users.temporaryPasswordExpiresAt,
      })
      .from(users)
      .where(inArray(users.id, [parent.id, other.id]))
      .orderBy(asc(users.id)),
    sessions: await db
      .select({ id: sessions.id, endedAt: sessions.endedAt })
      .from(sessions)
      .where(inArray(sessions.userId, [parent.id, other.id]))
      .orderBy(asc(sessions.id)),
  });
  /** The parent sign-in form, with this parent's User ID. */
  const attempt = (password: string, reason: string): Attempt => ({
    as: null,
    send: () => signInParent({ identifier: parent.userId, password }),
    guarded,
    says: SIGN_IN_REFUSED,
    audit: {
      action: 'auth.sign_in_failed',
      reason,
      targetId: parent.id,
      metadata: { portal: 'parent' },
    },
  });
  return { db, parent, other, issue, attempt };
}

runCells('temporary password', [
  {
    variant: 'an expired temporary password (issued 73 hours ago)',
    arrange: async () => {
      const scene = await temporaryPasswordScene();
      const { letter } = await issueTemporaryPassword(
        scene.db,
        scene.parent.id,
        new Date(Date.now() - 73 * 3_600_000),
      );
      return scene.attempt(letter.temporaryPassword, 'temporary_password_expired');
    },
  },
  {
    variant: 'a temporary password reused after the parent chose their own',
    arrange: async () => {
      const scene = await temporaryPasswordScene();
      const temporary = await scene.issue(scene.parent);
      const signedIn = await signInWithPassword(
        scene.db,
        { identifier: scene.parent.userId, password: temporary, kind: 'parent' },
        arrangeMeta(),
      );
      const lookup = await lookUpSession(scene.db, signedIn.ok ? signedIn.token : '');
      actAs(lookup.state === 'active' ? lookup.session : null);
      expect(
        await settle(
          chooseOwnPassword({ newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
        ),
      ).toBeInstanceOf(TestRedirect);
      return scene.attempt(temporary, 'bad_password');
    },
  },
  {
    variant: 'an older temporary password replaced by a newer one',
    arrange: async () => {
      const scene = await temporaryPasswordScene();
      const older = await scene.issue(scene.parent);
      await scene.issue(scene.parent);
      return scene.attempt(older, 'bad_password');
    },
  },
  {
    variant: 'a live temporary password padded with a leading space',
    arrange: async () => {
      const scene = await temporaryPasswordScene();
      return scene.attempt(` ${await scene.issue(scene.parent)}`, 'bad_password');
    },
  },
  {
    variant: 'a live temporary password padded with a trailing space',
    arrange: async () => {
      const scene = await temporaryPasswordScene();
      return scene.attempt(`${await scene.issue(scene.parent)} `, 'bad_password');
    },
  },
  {
    variant: 'a live temporary password in lower case',
    arrange: async () => {
      const scene = await temporaryPasswordScene();
      return scene.attempt((await scene.issue(scene.parent)).toLowerCase(), 'bad_password');
    },
  },
  {
    variant: 'a live temporary password in mixed case',
    arrange: async () => {
      const scene = await temporaryPasswordScene();
      const temporary = await scene.issue(scene.parent);
      const mixed = mixedCase(temporary);
      // All digits would read the same in any case; then lower-case the whole thing.
      return scene.attempt(mixed === temporary ? temporary.toLowerCase() : mixed, 'bad_password');
    },
  },
  {
    variant: 'a live temporary password typed without its dashes',
    arrange: async () => {
      const scene = await temporaryPasswordScene();
      return scene.attempt((await scene.issue(scene.parent)).replaceAll('-', ''), 'bad_password');
    },
  },
  {
    variant: 'another account’s live temporary password',
    arrange: async () => {
      const scene = await temporaryPasswordScene();
      await scene.issue(scene.parent);
      return scene.attempt(await scene.issue(scene.other), 'bad_password');
    },
  },
]);

// ─── Two-step codes: authenticator codes and recovery codes ────────────────────────────────────

const CODE_REFUSED = /That code did not work/;

/** A parent with two-step verification on since ten minutes ago (the enrolment used up that minute's code). */
async function twoStepParent() {
  const db = testDb();
  const parent = await createParent(db);
  const enrolledAt = new Date(Date.now() - 10 * 60_000);
  const { secret } = await startEnrolment(db, parent.id, enrolledAt);
  const { recoveryCodes: codes } = await confirmEnrolment(
    db,
    parent.id,
    totpCodeAt(secret, enrolledAt),
    enrolledAt,
  );
  return { parent, secret, codes };
}

/** Every code the app could show from a step before to two steps after now: none of them is "wrong". */
function codesNear(secret: string, now = new Date()): Set<string> {
  const step = timeStepAt(now);
  return new Set(
    [-1, 0, 1, 2].map((offset) => totpCodeAt(secret, new Date((step + offset) * 30_000 + 1_000))),
  );
}

async function twoStepScene() {
  const db = testDb();
  const { parent, secret, codes } = await twoStepParent();
  const passwordStep = async () => {
    const result = await signInWithPassword(
      db,
      { identifier: parent.userId, password: FACTORY_PASSWORD, kind: 'parent' },
      arrangeMeta(),
    );
    if (!result.ok || !result.awaitingSecondFactor)
      throw new Error('expected a sign-in waiting for its code');
    return result;
  };
  const pending = await passwordStep();
  const guarded = async () => ({
    session: await db
      .select({
        awaitingSecondFactor: sessions.awaitingSecondFactor,
        endedAt: sessions.endedAt,
        tokenHash: sessions.tokenHash,
      })
      .from(sessions)
      .where(eq(sessions.id, pending.sessionId)),
    user: await db
      .select({ totpLastUsedStep: users.totpLastUsedStep, totpSecret: users.totpSecret })
      .from(users)
      .where(eq(users.id, parent.id)),
    recoveryCodes: await db
      .select({ id: recoveryCodes.id, usedAt: recoveryCodes.usedAt })
      .from(recoveryCodes)
      .where(eq(recoveryCodes.userId, parent.id))
      .orderBy(asc(recoveryCodes.id)),
  });
  /** The code page, with the cookie of the sign-in waiting for it. */
  const attempt = (
    code: string,
    reason: string,
    codeType: 'authenticator' | 'recovery',
  ): Attempt => ({
    as: null,
    cookie: pending.token,
    send: () => submitSecondFactor({ code, portal: 'parent' }),
    guarded,
    says: CODE_REFUSED,
    audit: {
      action: 'auth.second_factor_failed',
      reason,
      targetId: pending.sessionId,
      metadata: { codeType, failedCodesThisSignIn: 1 },
    },
  });
  return { db, parent, secret, codes, passwordStep, attempt };
}

/** Another family's two-step set-up: their secret and their recovery codes. */
async function anotherAccountsTwoStep() {
  return twoStepParent();
}

runCells('two-step code', [
  {
    variant: 'an expired authenticator code (from 3 steps ago)',
    arrange: async () => {
      const scene = await twoStepScene();
      const near = codesNear(scene.secret);
      let back = 3;
      while (near.has(totpCodeAt(scene.secret, new Date(Date.now() - back * 30_000)))) back += 1;
      return scene.attempt(
        totpCodeAt(scene.secret, new Date(Date.now() - back * 30_000)),
        'wrong_code',
        'authenticator',
      );
    },
  },
  {
    variant: 'an authenticator code reused: the same 30-second code twice',
    arrange: async () => {
      const scene = await twoStepScene();
      const earlier = await scene.passwordStep();
      const now = new Date();
      const code = totpCodeAt(scene.secret, now);
      expect((await verifySecondFactor(scene.db, earlier.token, code, arrangeMeta(), now)).ok).toBe(
        true,
      );
      return scene.attempt(code, 'code_already_used', 'authenticator');
    },
  },
  {
    variant: 'a wrong authenticator code padded with a leading space',
    arrange: async () => {
      const scene = await twoStepScene();
      const near = codesNear(scene.secret);
      const wrong = ['000000', '111111', '222222', '333333', '444444', '555555'].find(
        (code) => !near.has(code),
      )!;
      return scene.attempt(` ${wrong}`, 'wrong_code', 'authenticator');
    },
  },
  {
    variant: 'the right authenticator code with a seventh digit',
    arrange: async () => {
      const scene = await twoStepScene();
      return scene.attempt(
        `${totpCodeAt(scene.secret, new Date())}7`,
        'wrong_code',
        'authenticator',
      );
    },
  },
  {
    variant: 'the right authenticator code with a zero-width space inside',
    arrange: async () => {
      const scene = await twoStepScene();
      const code = totpCodeAt(scene.secret, new Date());
      return scene.attempt(
        `${code.slice(0, 3)}${ZERO_WIDTH_SPACE}${code.slice(3)}`,
        'wrong_code',
        'authenticator',
      );
    },
  },
  {
    variant: 'the right authenticator code in full-width digits',
    arrange: async () => {
      const scene = await twoStepScene();
      return scene.attempt(
        fullWidth(totpCodeAt(scene.secret, new Date())),
        'wrong_code',
        'authenticator',
      );
    },
  },
  {
    variant: 'another account’s current authenticator code',
    arrange: async () => {
      const scene = await twoStepScene();
      const near = codesNear(scene.secret);
      let otherSecret = (await anotherAccountsTwoStep()).secret;
      while (near.has(totpCodeAt(otherSecret, new Date()))) otherSecret = newTotpSecret();
      return scene.attempt(totpCodeAt(otherSecret, new Date()), 'wrong_code', 'authenticator');
    },
  },
  {
    variant: 'a recovery code reused',
    arrange: async () => {
      const scene = await twoStepScene();
      const earlier = await scene.passwordStep();
      expect(
        await verifySecondFactor(scene.db, earlier.token, scene.codes[0]!, arrangeMeta()),
      ).toMatchObject({ ok: true, method: 'recovery_code' });
      return scene.attempt(scene.codes[0]!, 'code_already_used', 'recovery');
    },
  },
  {
    variant: 'another account’s recovery code',
    arrange: async () => {
      const scene = await twoStepScene();
      const { codes: theirs } = await anotherAccountsTwoStep();
      return scene.attempt(theirs[0]!, 'wrong_code', 'recovery');
    },
  },
  {
    variant: 'another account’s recovery code, padded and in mixed case',
    arrange: async () => {
      const scene = await twoStepScene();
      const { codes: theirs } = await anotherAccountsTwoStep();
      return scene.attempt(`  ${mixedCase(theirs[1]!)} `, 'wrong_code', 'recovery');
    },
  },
  {
    variant: 'a recovery code with an eleventh character',
    arrange: async () => {
      const scene = await twoStepScene();
      return scene.attempt(`${scene.codes[2]!}x`, 'wrong_code', 'authenticator');
    },
  },
]);

// ─── The other side: variants of the RIGHT secret that are accepted on purpose ─────────────────

describe('variants of the right secret accepted by design', () => {
  const accepted = (kind: TokenKind, variant: string, check: () => Promise<void>) =>
    it(`${kind}: ${variant}`, async () => {
      const record = { kind, variant, passed: false };
      acceptedByDesign.push(record);
      await check();
      record.passed = true;
    });

  accepted(
    'pin',
    'the right PIN in lower case, padded, with spaces for the dash (normalizePin)',
    async () => {
      const scene = await pinScene();
      const issued = await scene.issue();
      actAs(await openSession(scene.db, scene.parent), { ip: nextIp() });
      const answer = await settle(
        linkChild({
          pin: `  ${issued.pin.toLowerCase().replace('-', '  ')} `,
          dateOfBirth: CHILD_DOB,
          relationship: 'mother',
          relationshipOther: '',
        }),
      );
      expect((answer as TestRedirect).location).toBe(`/dashboard?linked=${scene.child.id}`);
    },
  );

  accepted('share link', 'the right code padded with spaces (the form trims it)', async () => {
    const scene = await shareScene();
    const share = await scene.makeShare();
    actAs(null, { ip: nextIp() });
    expect(
      await openShareWithCode({ token: share.token, code: ` ${share.accessCode} ` }),
    ).toMatchObject({ ok: true });
  });

  accepted(
    'two-step code',
    'the right authenticator code padded and split by a space',
    async () => {
      const scene = await twoStepScene();
      const pending = await scene.passwordStep();
      const code = totpCodeAt(scene.secret, new Date());
      actAs(null, { ip: nextIp() });
      requestState.cookieSessionToken = pending.token;
      expect(
        (
          (await settle(
            submitSecondFactor({
              code: ` ${code.slice(0, 3)} ${code.slice(3)} `,
              portal: 'parent',
            }),
          )) as TestRedirect
        ).location,
      ).toBe('/dashboard');
    },
  );

  accepted(
    'two-step code',
    'the right recovery code in upper case, padded, with a space for the dash',
    async () => {
      const scene = await twoStepScene();
      const pending = await scene.passwordStep();
      actAs(null, { ip: nextIp() });
      requestState.cookieSessionToken = pending.token;
      expect(
        (
          (await settle(
            submitSecondFactor({
              code: ` ${scene.codes[3]!.toUpperCase().replace('-', ' ')} `,
              portal: 'parent',
            }),
          )) as TestRedirect
        ).location,
      ).toBe('/dashboard');
    },
  );
});
