'use server';

import { completePasswordReset, requestPasswordReset } from '@/lib/accounts/password-reset';
import { forgotPasswordSchema, resetPasswordSchema } from '@/lib/accounts/schemas';
import { defineAction, defineSelfAuditedAction } from '@/lib/action';
import { signIn } from '@/lib/auth/next-auth';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';

export const requestPasswordResetLink = defineAction(
  {
    name: 'auth.requestPasswordReset',
    schema: forgotPasswordSchema,
    access: { kind: 'anyone' },
    audit: 'auth.password_reset_requested',
    rateLimit: { bucket: 'password-reset-requests', limit: 20, windowSeconds: 900, per: 'ip' },
  },
  async ({ input, tx, sendMail, describeAudit }) => {
    const { userId, mail, capped } = await requestPasswordReset(tx, input.identifier);
    if (mail) await sendMail(mail);
    describeAudit({
      targetType: userId ? 'user' : null,
      targetId: userId,
      metadata: { accountFound: Boolean(userId), ...(capped ? { emailCapped: true } : {}) },
    });
    // The same answer whether or not an account matched.
    return { data: null, redirectTo: '/forgot-password?sent=1' };
  },
);

export const resetPassword = defineSelfAuditedAction(
  {
    name: 'auth.resetPassword',
    schema: resetPasswordSchema,
    access: { kind: 'anyone' },
    rateLimit: { bucket: 'password-reset-answers', limit: 30, windowSeconds: 900, per: 'ip' },
  },
  async ({ input, db, meta }) => {
    const outcome = await completePasswordReset(db, input, meta);
    const values = { phone: env().PRACTICE_PHONE };
    if (!outcome.ok) {
      if (outcome.reason === 'wrong_answer')
        throw new AppError('invalid', 'errors.hintAnswerWrong', {
          fieldErrors: { hintAnswer: 'validation.hintAnswerWrong' },
        });
      if (outcome.reason === 'weak_password')
        throw new AppError('invalid', 'errors.chooseAnotherPassword', {
          fieldErrors: { newPassword: outcome.message },
        });
      if (outcome.reason === 'too_many_answers')
        throw new AppError('locked', 'errors.resetTooManyAnswers', { values });
      throw new AppError('invalid', 'errors.resetLinkExpired', { values });
    }
    await signIn('portal-session', { sessionToken: outcome.sessionToken, redirect: false });
    return {
      data: null,
      redirectTo: outcome.awaitingSecondFactor
        ? '/login/verify?notice=password-reset'
        : '/dashboard?notice=password-reset',
    };
  },
);
