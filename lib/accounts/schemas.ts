import { z } from 'zod';

import { hintQuestionIds } from './hint-questions';

/**
 * Form schemas shared by the browser (react-hook-form's resolver) and the server action, so a
 * rule is written once and both sides say the same thing next to the same field. Messages are
 * catalog keys (messages/*.json, namespace `validation`): the form shows them in the reader's language.
 */

const USER_ID_PATTERN = /^[A-Za-z0-9._-]{4,32}$/;
const utf8Length = (value: string) => new TextEncoder().encode(value).length;

export const passwordField = z
  .string()
  .min(12, 'validation.passwordTooShort')
  .max(64, 'validation.passwordTooLong')
  // bcrypt ignores everything after 72 bytes; refuse rather than silently weaken the password.
  .refine((value) => utf8Length(value) <= 72, 'validation.passwordTooManyBytes');

export const userIdField = z.string().trim().regex(USER_ID_PATTERN, 'validation.userIdFormat');

export const emailField = z
  .string()
  .trim()
  .min(1, 'validation.emailRequired')
  .max(254, 'validation.emailTooLong')
  .pipe(z.email('validation.emailFormat'));

const nameField = (name: 'firstName' | 'lastName') =>
  z.string().trim().min(1, `validation.${name}Required`).max(80, `validation.${name}TooLong`);

/** True when the password contains the User ID or the email (or its part before the @). */
export function passwordContainsIdentity(password: string, userId: string, email: string): boolean {
  const lower = password.toLocaleLowerCase('en-US');
  const localPart = email.split('@')[0] ?? '';
  return [userId, email, localPart]
    .map((part) => part.trim().toLocaleLowerCase('en-US'))
    .some((part) => part.length >= 3 && lower.includes(part));
}

export const signUpSchema = z
  .object({
    firstName: nameField('firstName'),
    lastName: nameField('lastName'),
    userId: userIdField,
    email: emailField,
    password: passwordField,
    confirmPassword: z.string().min(1, 'validation.passwordAgain'),
    hintQuestion: z.enum(hintQuestionIds, { message: 'validation.hintQuestionRequired' }),
    hintAnswer: z
      .string()
      .trim()
      .min(2, 'validation.hintAnswerTooShort')
      .max(100, 'validation.hintAnswerTooLong'),
  })
  .superRefine((value, ctx) => {
    if (value.password !== value.confirmPassword) {
      ctx.addIssue({
        code: 'custom',
        path: ['confirmPassword'],
        message: 'validation.passwordsDoNotMatch',
      });
    }
    if (passwordContainsIdentity(value.password, value.userId, value.email)) {
      ctx.addIssue({
        code: 'custom',
        path: ['password'],
        message: 'validation.passwordContainsIdentity',
      });
    }
  });
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  identifier: z.string().trim().min(1, 'validation.identifierRequired').max(254),
  // Length is not checked here: any wrong password gets the same message as an unknown account.
  password: z.string().min(1, 'validation.passwordRequired').max(1024),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const emailVerificationSchema = z.object({ token: z.string().min(20).max(200) });

const newPasswordPair = {
  newPassword: passwordField,
  confirmPassword: z.string().min(1, 'validation.newPasswordAgain'),
};

function passwordsMatch(
  value: { newPassword: string; confirmPassword: string },
  ctx: z.RefinementCtx,
) {
  if (value.newPassword !== value.confirmPassword)
    ctx.addIssue({
      code: 'custom',
      path: ['confirmPassword'],
      message: 'validation.passwordsDoNotMatch',
    });
}

export const forgotPasswordSchema = z.object({
  identifier: z.string().trim().min(1, 'validation.identifierRequired').max(254),
});

export const resetPasswordSchema = z
  .object({
    token: z.string().min(20).max(200),
    hintAnswer: z.string().trim().min(1, 'validation.hintAnswerRequired').max(100),
    ...newPasswordPair,
  })
  .superRefine(passwordsMatch);
export type ResetPasswordInput = z.infer<typeof resetPasswordSchema>;

export const forgotUserIdSchema = z.object({ email: emailField });

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, 'validation.currentPasswordRequired').max(1024),
    ...newPasswordPair,
  })
  .superRefine(passwordsMatch);

export const changeEmailSchema = z.object({
  currentPassword: z.string().min(1, 'validation.currentPasswordRequired').max(1024),
  newEmail: emailField,
});

export const changeHintSchema = z.object({
  currentPassword: z.string().min(1, 'validation.currentPasswordRequired').max(1024),
  hintQuestion: z.enum(hintQuestionIds, { message: 'validation.hintQuestionRequired' }),
  hintAnswer: z
    .string()
    .trim()
    .min(2, 'validation.hintAnswerTooShort')
    .max(100, 'validation.hintAnswerTooLong'),
});

/** After signing in with an office-issued temporary password. */
export const choosePasswordSchema = z.object({ ...newPasswordPair }).superRefine(passwordsMatch);
