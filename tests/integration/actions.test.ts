import { and, count, eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';

import { signInParent } from '@/app/(public)/login/actions';
import { signUp } from '@/app/(public)/signup/actions';
import { confirmEmailAddress } from '@/app/(public)/verify-email/actions';
import { signOutNow } from '@/app/session/actions';
import { auditEvents, children, mailOutbox, sessions, users } from '@/db/schema';
import { defineAction } from '@/lib/action';
import { verifyHintAnswer } from '@/lib/auth/password';
import { lookUpSession } from '@/lib/auth/sessions';

import {
  actAs,
  createParent,
  FACTORY_PASSWORD,
  openSession,
  signUpFields,
  uniqueSuffix,
} from '../factories';
import { testDb } from '../setup/database';
import { redirectOf, requestState } from '../setup/next-mocks';

// The hint answer as typed, loose spaces and all: it is saved normalized.
const signUpInput = (overrides: Record<string, string> = {}) =>
  signUpFields('new', { hintAnswer: '  Lincoln   Elementary ', ...overrides });

async function userCount(): Promise<number> {
  const [row] = await testDb().select({ n: count() }).from(users);
  return row?.n ?? 0;
}

beforeEach(() => actAs(null));

describe('sign-up through its server action', () => {
  it('creates the account, stores only hashes, queues the verification email and audits it', async () => {
    const input = signUpInput();
    expect(await redirectOf(signUp(input))).toBe('/welcome');
    const [user] = await testDb().select().from(users).where(eq(users.userId, input.userId));
    expect(user).toMatchObject({
      kind: 'parent',
      email: input.email,
      hintQuestion: 'first_school',
      emailVerifiedAt: null,
    });
    expect(user!.passwordHash).toMatch(/^\$2[aby]\$12\$/);
    expect(user!.hintAnswerHash).not.toContain('Lincoln');
    expect(await verifyHintAnswer('lincoln elementary', user!.hintAnswerHash!)).toBe(true);

    const [mail] = await testDb()
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.toAddress, input.email));
    expect(mail?.template).toBe('verify-email');
    expect(mail?.textBody).toMatch(
      /http:\/\/localhost:3000\/verify-email\?token=[A-Za-z0-9_-]{40,}/,
    );

    const events = await testDb()
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.targetId, user!.id));
    expect(events.map((e) => e.action).sort()).toEqual([
      'account.created',
      'account.verification_email_sent',
    ]);
    expect(JSON.stringify(events)).not.toMatch(/granite|Lincoln/);
  });

  it('signs the new parent in: one live session of their own, its token in the cookie, the sign-in audited as theirs', async () => {
    const input = signUpInput();
    const before = requestState.cookieSignIns.length;
    expect(await redirectOf(signUp(input))).toBe('/welcome');
    const [user] = await testDb().select().from(users).where(eq(users.userId, input.userId));
    expect(requestState.cookieSignIns).toHaveLength(before + 1);
    const lookup = await lookUpSession(testDb(), requestState.cookieSignIns.at(-1)!);
    expect(lookup.state).toBe('active');
    if (lookup.state !== 'active') return;
    expect(lookup.session.user).toMatchObject({
      id: user!.id,
      kind: 'parent',
      emailVerifiedAt: null,
    });
    const [signedIn] = await testDb()
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'auth.signed_in'),
          eq(auditEvents.targetId, lookup.session.sessionId),
        ),
      );
    expect(signedIn).toMatchObject({ actorId: user!.id, actorKind: 'parent', outcome: 'success' });
    // The account itself was created by the anonymous visitor, as before.
    const [created] = await testDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'account.created'), eq(auditEvents.targetId, user!.id)));
    expect(created?.actorKind).toBe('anonymous');
  });

  it('ends the session a browser already had when a new account signs in over it', async () => {
    const earlierParent = await createParent(testDb());
    const earlier = await openSession(testDb(), earlierParent);
    actAs(earlier);
    expect(await redirectOf(signUp(signUpInput()))).toBe('/welcome');
    const [row] = await testDb().select().from(sessions).where(eq(sessions.id, earlier.sessionId));
    expect(row?.endReason).toBe('signed_out');
  });

  it('confirms the email once with the emailed link', async () => {
    const input = signUpInput();
    await redirectOf(signUp(input));
    const [mail] = await testDb()
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.toAddress, input.email));
    const token = new URL(mail!.textBody.match(/https?:\/\/\S+/)![0]).searchParams.get('token')!;
    expect(await confirmEmailAddress({ token })).toEqual({ ok: true, data: { verified: true } });
    expect(await confirmEmailAddress({ token })).toEqual({ ok: true, data: { verified: false } });
    const [user] = await testDb().select().from(users).where(eq(users.userId, input.userId));
    expect(user?.emailVerifiedAt).toBeInstanceOf(Date);
  });

  it('refuses a User ID already taken in another letter case, without saying whether the email is, and writes nothing', async () => {
    const existing = await createParent(testDb());
    const before = await userCount();
    const result = await signUp(
      signUpInput({ userId: existing.userId.toUpperCase(), email: existing.email.toUpperCase() }),
    );
    expect(result).toEqual({
      ok: false,
      formError: 'Please correct the highlighted fields.',
      fieldErrors: { userId: expect.stringMatching(/already taken/) },
    });
    expect(await userCount()).toBe(before);
  });

  it('answers an email already on file (any letter case) without an account or a sign-in, and emails the owner instead', async () => {
    const existing = await createParent(testDb());
    const before = await userCount();
    const signInsBefore = requestState.cookieSignIns.length;
    actAs(null, { ip: '198.51.100.77' });
    expect(await redirectOf(signUp(signUpInput({ email: existing.email.toUpperCase() })))).toBe(
      '/login?notice=created',
    );
    expect(await userCount()).toBe(before);
    expect(requestState.cookieSignIns).toHaveLength(signInsBefore);
    const mails = await testDb()
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.toAddress, existing.email));
    expect(mails.map((mail) => mail.template)).toEqual(['sign-up-email-taken']);
    expect(mails[0]!.textBody).toContain('no new account was made');
    const [event] = await testDb()
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'account.sign_up_email_taken'),
          eq(auditEvents.targetId, existing.id),
        ),
      );
    expect(event).toMatchObject({
      outcome: 'denied',
      actorKind: 'anonymous',
      ipAddress: '198.51.100.77',
    });
    // Repeating it within the hour does not flood the owner's inbox.
    await redirectOf(signUp(signUpInput({ email: existing.email })));
    expect(
      await testDb().select().from(mailOutbox).where(eq(mailOutbox.toAddress, existing.email)),
    ).toHaveLength(1);
  });

  it.each([
    [
      'a common password',
      { password: 'password1234', confirmPassword: 'password1234' },
      /too easy to guess/,
    ],
    [
      'a password containing the User ID',
      {
        userId: 'sunnyday77',
        password: 'xx-sunnyday77-xx-q',
        confirmPassword: 'xx-sunnyday77-xx-q',
      },
      /must not contain your User ID/,
    ],
    [
      'a password over 72 bytes',
      { password: 'é'.repeat(40), confirmPassword: 'é'.repeat(40) },
      /too long/,
    ],
    ['mismatched confirmation', { confirmPassword: 'something-else-entirely' }, /do not match/],
    ['a User ID with spaces', { userId: 'has space' }, /no spaces/],
  ])('refuses %s with a message next to the field', async (_label, overrides, message) => {
    const before = await userCount();
    const result = await signUp(signUpInput(overrides));
    expect(result.ok).toBe(false);
    expect(Object.values((!result.ok && result.fieldErrors) || {}).join(' ')).toMatch(message);
    expect(await userCount()).toBe(before);
  });
});

describe('the action wrapper', () => {
  it.each([
    ['a foreign Origin', 'https://evil.example'],
    ['Origin: null', 'null'],
    ['no Origin', null],
  ])('refuses %s and audits the refusal', async (_label, origin) => {
    actAs(null, { origin });
    const before = await userCount();
    const result = await signUp(signUpInput());
    expect(result).toEqual({
      ok: false,
      formError: expect.stringMatching(/could not be verified/),
    });
    expect(await userCount()).toBe(before);
    const [denied] = await testDb()
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'action.denied'),
          sql`${auditEvents.metadata}->>'reason' = 'origin'`,
        ),
      )
      .orderBy(sql`${auditEvents.id} desc`)
      .limit(1);
    expect(denied?.metadata).toMatchObject({ action: 'accounts.signUp' });
  });

  it('turns an unexpected error into a plain sentence with a reference, and rolls the change back', async () => {
    const marker = `Crash${uniqueSuffix()}`;
    const explode = defineAction(
      {
        name: 'test.explode',
        schema: z.object({}),
        access: { kind: 'anyone' },
        audit: 'account.created',
      },
      async ({ tx }) => {
        await tx
          .insert(children)
          .values({ firstName: marker, lastName: 'Rollback', dateOfBirth: '2020-01-01' });
        throw new Error('secret internal detail: relation "x" does not exist');
      },
    );
    const result = await explode({});
    expect(result.ok).toBe(false);
    expect(!result.ok && result.formError).toMatch(
      /Something went wrong on our side and nothing was changed.*reference: [0-9a-z-]{8}\./,
    );
    expect(JSON.stringify(result)).not.toContain('secret internal detail');
    expect(await testDb().select().from(children).where(eq(children.firstName, marker))).toEqual(
      [],
    );
    const failures = await testDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'action.failed'), eq(auditEvents.outcome, 'error')));
    expect(failures.some((event) => event.metadata.action === 'test.explode')).toBe(true);
  });

  it('rate-limits where configured', async () => {
    actAs(null, { ip: '198.51.100.77' });
    const limited = defineAction(
      {
        name: 'test.limited',
        schema: z.object({}),
        access: { kind: 'anyone' },
        audit: 'account.created',
        rateLimit: { bucket: 'test-limited', limit: 2, windowSeconds: 3600, per: 'ip' },
      },
      async () => ({ data: 'done' }),
    );
    expect((await limited({})).ok).toBe(true);
    expect((await limited({})).ok).toBe(true);
    expect(await limited({})).toEqual({
      ok: false,
      formError: expect.stringMatching(/Too many attempts/),
    });
  });
});

describe('sign-in and sign-out through their actions', () => {
  it('signs in with the right password and hands next-auth only the new session token', async () => {
    const parent = await createParent(testDb());
    expect(
      await redirectOf(signInParent({ identifier: parent.email, password: FACTORY_PASSWORD })),
    ).toBe('/dashboard');
    const token = requestState.cookieSignIns.at(-1)!;
    const [session] = await testDb()
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, parent.id)));
    expect(session).toBeDefined();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('ends the session a browser already had when it signs in again', async () => {
    const parent = await createParent(testDb());
    const earlier = await openSession(testDb(), parent);
    actAs(earlier);
    expect(
      await redirectOf(signInParent({ identifier: parent.userId, password: FACTORY_PASSWORD })),
    ).toBe('/dashboard');
    const [row] = await testDb().select().from(sessions).where(eq(sessions.id, earlier.sessionId));
    expect(row?.endReason).toBe('signed_out');
  });

  it('answers every failure with the one generic message', async () => {
    const parent = await createParent(testDb());
    const wrong = await signInParent({
      identifier: parent.userId,
      password: 'wrong-password-here',
    });
    const unknown = await signInParent({
      identifier: `ghost.${uniqueSuffix()}`,
      password: 'wrong-password-here',
    });
    expect(wrong).toEqual({
      ok: false,
      formError: 'The User ID/email or password is not correct.',
    });
    expect(unknown).toEqual(wrong);
  });

  it('ends the session on sign-out and audits it', async () => {
    const parent = await createParent(testDb());
    const session = await openSession(testDb(), parent);
    actAs(session);
    expect(await redirectOf(signOutNow({}))).toBe('/login?notice=signed-out');
    const [row] = await testDb().select().from(sessions).where(eq(sessions.id, session.sessionId));
    expect(row).toMatchObject({ endReason: 'signed_out' });
    const [event] = await testDb()
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, 'auth.signed_out'), eq(auditEvents.targetId, session.sessionId)),
      );
    expect(event).toMatchObject({ actorId: parent.id, actorKind: 'parent', outcome: 'success' });
  });

  it('tells a visitor whose session has ended to sign in again', async () => {
    expect(await signOutNow({})).toEqual({
      ok: false,
      formError: 'Your session has ended. Please sign in again.',
    });
  });
});
