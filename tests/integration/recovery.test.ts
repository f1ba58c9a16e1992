import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';

import {
  changeMyEmail,
  changeMyHint,
  changeMyPassword,
  signOutEverywhere,
} from '@/app/(portal)/account/actions';
import { requestPasswordResetLink, resetPassword } from '@/app/(public)/forgot-password/actions';
import { emailMyUserId } from '@/app/(public)/forgot-user-id/actions';
import { confirmEmailAddress } from '@/app/(public)/verify-email/actions';
import { auditEvents, mailOutbox, passwordResets, sessions, users } from '@/db/schema';
import { ACCOUNT_EMAILS_PER_HOUR } from '@/lib/accounts/email-caps';
import {
  ACCOUNT_HINT_ATTEMPTS_PER_DAY,
  completePasswordReset,
  findPasswordReset,
  requestPasswordReset,
  RESET_HINT_ATTEMPTS,
} from '@/lib/accounts/password-reset';
import { verifyHintAnswer, verifyPassword } from '@/lib/auth/password';
import { lookUpSession } from '@/lib/auth/sessions';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { hitsInWindow } from '@/lib/rate-limit';

import {
  actAs,
  createParent,
  FACTORY_HINT_ANSWER,
  FACTORY_PASSWORD,
  openSession,
  testMeta,
  uniqueSuffix,
} from '../factories';
import { testDb } from '../setup/database';
import { redirectOf, requestState } from '../setup/next-mocks';

const NEW_PASSWORD = 'harbor-violet-quilt-7265';

async function resetLinkFor(email: string): Promise<string> {
  const [mail] = await testDb()
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.toAddress, email), eq(mailOutbox.template, 'password-reset')));
  return mail!.textBody.match(/https?:\/\/\S+reset-password\?token=[A-Za-z0-9_-]+/)![0];
}
const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;

beforeEach(() => actAs(null));

describe('forgot password', () => {
  it('answers known and unknown accounts identically, and emails a link built from PUBLIC_URL whatever the Host header says', async () => {
    const parent = await createParent(testDb());
    actAs(null);
    requestState.headers.set('host', 'evil.example');
    requestState.headers.set('origin', 'http://evil.example');
    const known = await redirectOf(
      requestPasswordResetLink({ identifier: parent.userId.toUpperCase() }),
    );
    const unknown = await redirectOf(
      requestPasswordResetLink({ identifier: `ghost.${uniqueSuffix()}` }),
    );
    expect(known).toBe('/forgot-password?sent=1');
    expect(unknown).toBe(known);
    const link = await resetLinkFor(parent.email);
    expect(link.startsWith('http://localhost:3000/reset-password?token=')).toBe(true);
    expect(link).not.toContain('evil.example');
    // 256 random bits, stored only as a hash.
    const token = tokenOf(link);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [row] = await testDb()
      .select()
      .from(passwordResets)
      .where(eq(passwordResets.userId, parent.id));
    expect(row?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.tokenHash).not.toContain(token);
  });

  it('shows the hint question only with a live link, and the link dies after 30 minutes', async () => {
    const db = testDb();
    const parent = await createParent(db);
    const issuedAt = new Date('2026-08-01T10:00:00Z');
    const { mail } = await requestPasswordReset(db, parent.email, issuedAt);
    const token = tokenOf(mail!.text.match(/https?:\/\/\S+/)![0]);
    expect(await findPasswordReset(db, token, new Date('2026-08-01T10:29:00Z'))).toEqual({
      hintQuestion: 'first_pet',
    });
    expect(await findPasswordReset(db, token, new Date('2026-08-01T10:30:01Z'))).toBeNull();
    expect(
      await completePasswordReset(
        db,
        {
          token,
          hintAnswer: FACTORY_HINT_ANSWER,
          newPassword: NEW_PASSWORD,
          confirmPassword: NEW_PASSWORD,
        },
        testMeta,
        new Date('2026-08-01T10:31:00Z'),
      ),
    ).toEqual({ ok: false, reason: 'invalid_link' });
  });

  it('stops the link after 5 wrong hint answers, each counted against the account too', async () => {
    const db = testDb();
    const parent = await createParent(db);
    const { mail } = await requestPasswordReset(db, parent.userId);
    const token = tokenOf(mail!.text.match(/https?:\/\/\S+/)![0]);
    const wrong = {
      token,
      hintAnswer: 'not it',
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    };
    for (let attempt = 1; attempt < RESET_HINT_ATTEMPTS; attempt += 1)
      expect((await completePasswordReset(db, wrong, testMeta)).ok).toBe(false);
    expect(await completePasswordReset(db, wrong, testMeta)).toEqual({
      ok: false,
      reason: 'too_many_answers',
    });
    expect(
      await completePasswordReset(db, { ...wrong, hintAnswer: FACTORY_HINT_ANSWER }, testMeta),
    ).toEqual({ ok: false, reason: 'too_many_answers' });
    expect(await findPasswordReset(db, token)).toBeNull();
    expect(await hitsInWindow(db, `reset-hint:user:${parent.id}`, 24 * 3600)).toBe(
      RESET_HINT_ATTEMPTS,
    );
    const [row] = await db.select().from(users).where(eq(users.id, parent.id));
    expect(await verifyPassword(FACTORY_PASSWORD, row!.passwordHash)).toBe(true);
  });

  it('counts wrong hint answers across links: after 10 in a day, the right one on a new link does not get in', async () => {
    const db = testDb();
    const parent = await createParent(db);
    const hour = (h: number) => new Date(`2026-10-01T${String(h).padStart(2, '0')}:00:00Z`);
    const linkAt = async (when: Date) => {
      const { mail } = await requestPasswordReset(db, parent.userId, when);
      return tokenOf(mail!.text.match(/https?:\/\/\S+/)![0]);
    };
    const answer = (token: string, hintAnswer: string, when: Date) =>
      completePasswordReset(
        db,
        { token, hintAnswer, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
        testMeta,
        when,
      );
    let checkedWrong = 0;
    for (const h of [9, 10, 11]) {
      const token = await linkAt(hour(h));
      for (let i = 0; i < RESET_HINT_ATTEMPTS + 2; i += 1) {
        const outcome = await answer(token, `guess ${h}-${i}`, hour(h));
        if (outcome.ok) throw new Error('a wrong answer got in');
        if (outcome.reason === 'wrong_answer') checkedWrong += 1;
      }
    }
    expect(checkedWrong).toBeLessThan(ACCOUNT_HINT_ATTEMPTS_PER_DAY);
    const fourth = await linkAt(hour(12));
    expect(await answer(fourth, FACTORY_HINT_ANSWER, hour(12))).toEqual({
      ok: false,
      reason: 'too_many_answers',
    });
    const [row] = await db.select().from(users).where(eq(users.id, parent.id));
    expect(await verifyPassword(FACTORY_PASSWORD, row!.passwordHash)).toBe(true);
    // The next day the owner can answer again.
    const nextDay = new Date('2026-10-02T09:00:00Z');
    const fifth = tokenOf(
      (await requestPasswordReset(db, parent.userId, nextDay)).mail!.text.match(
        /https?:\/\/\S+/,
      )![0],
    );
    expect((await answer(fifth, FACTORY_HINT_ANSWER, nextDay)).ok).toBe(true);
  });

  it('sends at most 3 reset links to one account in an hour, whatever the address, answering the same', async () => {
    const db = testDb();
    const parent = await createParent(db);
    const at = new Date('2026-10-03T10:00:00Z');
    const sent = [];
    for (let i = 0; i < 6; i += 1)
      sent.push((await requestPasswordReset(db, parent.email, at)).mail);
    expect(sent.filter(Boolean)).toHaveLength(ACCOUNT_EMAILS_PER_HOUR['password-reset']);
    const later = await requestPasswordReset(db, parent.email, new Date('2026-10-03T11:00:00Z'));
    expect(later.mail).not.toBeNull();
  });

  it('changes the password, ends every session, kills other links, emails a confirmation and signs in fresh', async () => {
    const db = testDb();
    const parent = await createParent(db);
    const oldSession = await openSession(db, parent);
    await requestPasswordReset(db, parent.email);
    const { mail } = await requestPasswordReset(db, parent.email);
    const token = tokenOf(mail!.text.match(/https?:\/\/\S+/)![0]);

    actAs(null);
    const sameAsBefore = await resetPassword({
      token,
      hintAnswer: ' biscuit ',
      newPassword: FACTORY_PASSWORD,
      confirmPassword: FACTORY_PASSWORD,
    });
    expect(sameAsBefore).toMatchObject({
      ok: false,
      fieldErrors: { newPassword: 'Choose a password different from the one you have now.' },
    });
    expect(
      await redirectOf(
        resetPassword({
          token,
          hintAnswer: ' biscuit ',
          newPassword: NEW_PASSWORD,
          confirmPassword: NEW_PASSWORD,
        }),
      ),
    ).toBe('/dashboard?notice=password-reset');

    expect((await lookUpSession(db, oldSession.token)).state).toBe('none');
    const fresh = requestState.cookieSignIns.at(-1)!;
    expect((await lookUpSession(db, fresh)).state).toBe('active');
    const live = await db.select().from(passwordResets).where(eq(passwordResets.userId, parent.id));
    expect(live.every((reset) => reset.usedAt || reset.revokedAt)).toBe(true);
    expect(
      (
        await signInWithPassword(
          db,
          { identifier: parent.userId, password: NEW_PASSWORD, kind: 'parent' },
          testMeta,
        )
      ).ok,
    ).toBe(true);
    const [confirmation] = await db
      .select()
      .from(mailOutbox)
      .where(
        and(eq(mailOutbox.toAddress, parent.email), eq(mailOutbox.template, 'password-changed')),
      );
    expect(confirmation?.textBody).toMatch(/If this wasn’t you, call the office/);
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, 'auth.password_reset'), eq(auditEvents.targetId, parent.id)),
      );
    expect(event?.metadata).toMatchObject({ sessionsEnded: 1 });
    // Used once only.
    expect(
      await completePasswordReset(
        db,
        {
          token,
          hintAnswer: 'biscuit',
          newPassword: 'another-long-phrase-991',
          confirmPassword: 'another-long-phrase-991',
        },
        testMeta,
      ),
    ).toEqual({ ok: false, reason: 'invalid_link' });
  });
});

describe('forgot User ID', () => {
  it('emails the User ID to the address on file, answering the same either way', async () => {
    const parent = await createParent(testDb());
    const known = await redirectOf(emailMyUserId({ email: parent.email.toUpperCase() }));
    const unknown = await redirectOf(
      emailMyUserId({ email: `nobody.${uniqueSuffix()}@example.org` }),
    );
    expect(known).toBe('/forgot-user-id?sent=1');
    expect(unknown).toBe(known);
    const [mail] = await testDb()
      .select()
      .from(mailOutbox)
      .where(
        and(eq(mailOutbox.toAddress, parent.email), eq(mailOutbox.template, 'user-id-reminder')),
      );
    expect(mail?.textBody).toContain(parent.userId);
  });
});

describe('account settings', () => {
  it('changes the password with the current one, ending every other session', async () => {
    const db = testDb();
    const parent = await createParent(db);
    const here = await openSession(db, parent);
    const elsewhere = await openSession(db, parent);
    actAs(here);
    expect(
      await changeMyPassword({
        currentPassword: 'wrong-current-pass',
        newPassword: NEW_PASSWORD,
        confirmPassword: NEW_PASSWORD,
      }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { currentPassword: 'This is not your current password.' },
    });
    expect(
      await changeMyPassword({
        currentPassword: FACTORY_PASSWORD,
        newPassword: NEW_PASSWORD,
        confirmPassword: NEW_PASSWORD,
      }),
    ).toEqual({ ok: true, data: { sessionsEnded: 1 } });
    expect((await lookUpSession(db, here.token)).state).toBe('active');
    expect((await lookUpSession(db, elsewhere.token)).state).toBe('none');
    const [row] = await db.select().from(sessions).where(eq(sessions.id, elsewhere.sessionId));
    expect(row?.endReason).toBe('password_changed');
  });

  it('moves to a new email only once the new address confirms, and tells the old one', async () => {
    const db = testDb();
    const parent = await createParent(db);
    actAs(await openSession(db, parent));
    const newEmail = `moved.${uniqueSuffix()}@example.org`;
    expect(await changeMyEmail({ currentPassword: FACTORY_PASSWORD, newEmail })).toEqual({
      ok: true,
      data: null,
    });
    const [still] = await db.select().from(users).where(eq(users.id, parent.id));
    expect(still?.email).toBe(parent.email);
    const [notice] = await db
      .select()
      .from(mailOutbox)
      .where(
        and(eq(mailOutbox.toAddress, parent.email), eq(mailOutbox.template, 'email-change-notice')),
      );
    expect(notice).toBeDefined();
    const [confirm] = await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, newEmail));
    const token = new URL(confirm!.textBody.match(/https?:\/\/\S+/)![0]).searchParams.get('token')!;
    expect(await confirmEmailAddress({ token })).toEqual({ ok: true, data: { verified: true } });
    const [moved] = await db.select().from(users).where(eq(users.id, parent.id));
    expect(moved).toMatchObject({ email: newEmail, emailVerifiedAt: expect.any(Date) });
  });

  it('changes the hint with the current password, and signs out of every device', async () => {
    const db = testDb();
    const parent = await createParent(db);
    const here = await openSession(db, parent);
    const other = await openSession(db, parent);
    actAs(here);
    expect(
      (
        await changeMyHint({
          currentPassword: 'nope-nope-nope',
          hintQuestion: 'first_school',
          hintAnswer: 'Lincoln',
        })
      ).ok,
    ).toBe(false);
    expect(
      await changeMyHint({
        currentPassword: FACTORY_PASSWORD,
        hintQuestion: 'first_school',
        hintAnswer: 'Lincoln',
      }),
    ).toEqual({ ok: true, data: null });
    const [row] = await db.select().from(users).where(eq(users.id, parent.id));
    expect(row?.hintQuestion).toBe('first_school');
    expect(await verifyHintAnswer('lincoln', row!.hintAnswerHash!)).toBe(true);
    expect(await redirectOf(signOutEverywhere({}))).toBe('/login?notice=signed-out');
    expect((await lookUpSession(db, here.token)).state).toBe('none');
    expect((await lookUpSession(db, other.token)).state).toBe('none');
  });
});
