import { z } from 'zod';

import { hintQuestionIds } from './hint-questions';

/**
 * Form schemas shared by the browser (react-hook-form's resolver) and the server action, so a
 * rule is written once and both sides say the same thing next to the same field.
 */

const USER_ID_PATTERN = /^[A-Za-z0-9._-]{4,32}$/;
const utf8Length = (value: string) => new TextEncoder().encode(value).length;

export const passwordField = z
  .string()
  .min(12, 'Use at least 12 characters.')
  .max(64, 'Use at most 64 characters.')
  // bcrypt ignores everything after 72 bytes; refuse rather than silently weaken the password.
  .refine(
    (value) => utf8Length(value) <= 72,
    'This password is too long. Use fewer special characters or letters with accents.',
  );

export const userIdField = z
  .string()
  .trim()
  .regex(
    USER_ID_PATTERN,
    'Use 4 to 32 letters, numbers, dots, dashes or underscores, with no spaces.',
  );

export const emailField = z
  .string()
  .trim()
  .min(1, 'Enter your email address.')
  .max(254, 'This email address is too long.')
  .pipe(z.email('Enter an email address like name@example.com.'));

const nameField = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter your ${label}.`)
    .max(80, `Your ${label} can be at most 80 characters.`);

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
    firstName: nameField('first name'),
    lastName: nameField('last name'),
    userId: userIdField,
    email: emailField,
    password: passwordField,
    confirmPassword: z.string().min(1, 'Type your password again.'),
    hintQuestion: z.enum(hintQuestionIds, { message: 'Choose a hint question.' }),
    hintAnswer: z
      .string()
      .trim()
      .min(2, 'Enter an answer you will remember.')
      .max(100, 'Keep the answer under 100 characters.'),
  })
  .superRefine((value, ctx) => {
    if (value.password !== value.confirmPassword) {
      ctx.addIssue({
        code: 'custom',
        path: ['confirmPassword'],
        message: 'The two passwords do not match.',
      });
    }
    if (passwordContainsIdentity(value.password, value.userId, value.email)) {
      ctx.addIssue({
        code: 'custom',
        path: ['password'],
        message: 'Your password must not contain your User ID or email.',
      });
    }
  });
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  identifier: z.string().trim().min(1, 'Enter your User ID or email.').max(254),
  // Length is not checked here: any wrong password gets the same message as an unknown account.
  password: z.string().min(1, 'Enter your password.').max(1024),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const emailVerificationSchema = z.object({ token: z.string().min(20).max(200) });

const newPasswordPair = {
  newPassword: passwordField,
  confirmPassword: z.string().min(1, 'Type the new password again.'),
};

function passwordsMatch(
  value: { newPassword: string; confirmPassword: string },
  ctx: z.RefinementCtx,
) {
  if (value.newPassword !== value.confirmPassword)
    ctx.addIssue({
      code: 'custom',
      path: ['confirmPassword'],
      message: 'The two passwords do not match.',
    });
}

export const forgotPasswordSchema = z.object({
  identifier: z.string().trim().min(1, 'Enter your User ID or email.').max(254),
});

export const resetPasswordSchema = z
  .object({
    token: z.string().min(20).max(200),
    hintAnswer: z.string().trim().min(1, 'Enter the answer to your hint question.').max(100),
    ...newPasswordPair,
  })
  .superRefine(passwordsMatch);
export type ResetPasswordInput = z.infer<typeof resetPasswordSchema>;

export const forgotUserIdSchema = z.object({ email: emailField });

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password.').max(1024),
    ...newPasswordPair,
  })
  .superRefine(passwordsMatch);

export const changeEmailSchema = z.object({
  currentPassword: z.string().min(1, 'Enter your current password.').max(1024),
  newEmail: emailField,
});

export const changeHintSchema = z.object({
  currentPassword: z.string().min(1, 'Enter your current password.').max(1024),
  hintQuestion: z.enum(hintQuestionIds, { message: 'Choose a hint question.' }),
  hintAnswer: z
    .string()
    .trim()
    .min(2, 'Enter an answer you will remember.')
    .max(100, 'Keep the answer under 100 characters.'),
});

/** After signing in with an office-issued temporary password. */
export const choosePasswordSchema = z.object({ ...newPasswordPair }).superRefine(passwordsMatch);
