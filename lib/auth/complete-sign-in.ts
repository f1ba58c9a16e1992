import 'server-only';

import { eq } from 'drizzle-orm';

import type { Database } from '@/db';
import { users } from '@/db/schema';
import type { RequestMeta } from '@/lib/audit/events';
import { auditedTransaction } from '@/lib/audit/transaction';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { rememberLocale } from '@/lib/i18n/choice';
import { isLocale } from '@/lib/i18n/locales';
import { verifySecondFactor } from '@/lib/two-step/sign-in-step';

import { actorFor } from './actors';
import { readSessionToken, signIn } from './next-auth';
import { endSession, type ActiveSession } from './sessions';
import { signInWithPassword, type SignInRequest } from './sign-in';

const GENERIC_SIGN_IN_ERROR = 'errors.signInFailed';

/**
 * The same words whatever was throttled and whether or not the account exists: they must not
 * tell a stranger which names are real, and they tell the owner how to get back in.
 */
function tooManyTries() {
  return new AppError('rate_limited', 'errors.tooManyTries', {
    values: { phone: env().PRACTICE_PHONE },
  });
}

/** The language saved on the account wins over this browser's, on any device it signs in from. */
async function followSavedLanguage(db: Database, accountId: string) {
  const [account] = await db
    .select({ locale: users.locale })
    .from(users)
    .where(eq(users.id, accountId));
  if (isLocale(account?.locale)) await rememberLocale(account.locale);
}

/** Checks the password, then hands the new session's token to next-auth to put in the cookie. */
export async function completeSignIn(
  db: Database,
  request: SignInRequest,
  meta: RequestMeta,
  destination: string,
  previous: ActiveSession | null,
) {
  const result = await signInWithPassword(db, request, meta);
  if (!result.ok) {
    if (result.reason === 'rate_limited') throw tooManyTries();
    throw new AppError('invalid', GENERIC_SIGN_IN_ERROR);
  }
  if (previous) {
    // The browser's cookie is about to point at the new session: end the one it replaces.
    await auditedTransaction(db, actorFor(previous.user), meta, async ({ tx, audit }) => {
      if (await endSession(tx, previous.sessionId, 'signed_out')) {
        await audit({
          action: 'auth.signed_out',
          targetType: 'session',
          targetId: previous.sessionId,
          metadata: { reason: 'replaced_by_new_sign_in' },
        });
      }
    });
  }
  await signIn('portal-session', { sessionToken: result.token, redirect: false });
  await followSavedLanguage(db, result.userId);
  if (result.awaitingSecondFactor)
    return {
      data: null,
      redirectTo: request.kind === 'staff' ? '/staff/login/verify' : '/login/verify',
    };
  return { data: null, redirectTo: destination };
}

/**
 * The code page's half of signing in. Where to go next depends on whose sign-in it was, never
 * on which page the code was typed.
 */
export async function completeSecondFactor(
  db: Database,
  code: string,
  meta: RequestMeta,
  signInPage: '/login' | '/staff/login',
) {
  const token = await readSessionToken();
  const result = token
    ? await verifySecondFactor(db, token, code, meta)
    : ({ ok: false, reason: 'start_again' } as const);
  if (result.ok) {
    await signIn('portal-session', { sessionToken: result.token, redirect: false });
    return { data: null, redirectTo: result.kind === 'staff' ? '/staff' : '/dashboard' };
  }
  if (result.reason === 'wrong_code') {
    throw new AppError('invalid', 'errors.codeDidNotWork', {
      fieldErrors: { code: 'validation.codeAttemptsLeft' },
      values: { count: result.attemptsLeft },
    });
  }
  if (result.reason === 'rate_limited') throw tooManyTries();
  // Timed out, too many wrong codes, or no sign-in under way: back to the password.
  return { data: null, redirectTo: `${signInPage}?notice=start-again` };
}
