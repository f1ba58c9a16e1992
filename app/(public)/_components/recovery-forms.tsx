'use client';

import { ActionForm } from '@/components/forms/action-form';
import { PasswordStrengthMeter } from '@/components/forms/password-strength-meter';
import { useActionForm } from '@/components/forms/use-action-form';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import {
  forgotPasswordSchema,
  forgotUserIdSchema,
  resetPasswordSchema,
} from '@/lib/accounts/schemas';

import { requestPasswordResetLink, resetPassword } from '../forgot-password/actions';
import { emailMyUserId } from '../forgot-user-id/actions';

export function ForgotPasswordForm() {
  const submission = useActionForm({
    schema: forgotPasswordSchema,
    action: requestPasswordResetLink,
    defaultValues: { identifier: '' },
    worksWithoutJavaScript: true,
  });
  const { form, errorOf } = submission;
  return (
    <ActionForm form={submission} className="flex flex-col gap-4" aria-label="Forgot password">
      <TextField
        id="forgot-identifier"
        label="User ID or email"
        required
        autoComplete="username"
        autoCapitalize="none"
        error={errorOf('identifier')}
        {...form.register('identifier')}
      />
      <Button
        type="submit"
        pending={form.formState.isSubmitting}
        pendingLabel="One moment…"
        className="self-start"
      >
        Continue
      </Button>
    </ActionForm>
  );
}

export function ForgotUserIdForm() {
  const submission = useActionForm({
    schema: forgotUserIdSchema,
    action: emailMyUserId,
    defaultValues: { email: '' },
    worksWithoutJavaScript: true,
  });
  const { form, errorOf } = submission;
  return (
    <ActionForm form={submission} className="flex flex-col gap-4" aria-label="Forgot User ID">
      <TextField
        id="forgot-email"
        label="Email"
        required
        type="email"
        autoComplete="email"
        inputMode="email"
        error={errorOf('email')}
        {...form.register('email')}
      />
      <Button
        type="submit"
        pending={form.formState.isSubmitting}
        pendingLabel="One moment…"
        className="self-start"
      >
        Continue
      </Button>
    </ActionForm>
  );
}

export function ResetPasswordForm({
  token,
  hintQuestion,
}: {
  token: string;
  hintQuestion: string;
}) {
  const submission = useActionForm({
    schema: resetPasswordSchema,
    action: resetPassword,
    defaultValues: { token, hintAnswer: '', newPassword: '', confirmPassword: '' },
  });
  const { form, errorOf } = submission;
  const password = form.watch('newPassword') ?? '';
  return (
    <ActionForm form={submission} className="flex flex-col gap-4" aria-label="Reset password">
      <p className="rounded-md bg-slate-100 p-3">
        <span className="block text-sm text-slate-700">Your hint question</span>
        <strong>{hintQuestion}</strong>
      </p>
      <TextField
        id="reset-hintAnswer"
        label="Hint answer"
        required
        autoComplete="off"
        error={errorOf('hintAnswer')}
        {...form.register('hintAnswer')}
      />
      <TextField
        id="reset-newPassword"
        label="New password"
        required
        type="password"
        autoComplete="new-password"
        error={errorOf('newPassword')}
        {...form.register('newPassword')}
      />
      <PasswordStrengthMeter password={password} userInputs={[]} />
      <TextField
        id="reset-confirmPassword"
        label="Confirm new password"
        required
        type="password"
        autoComplete="new-password"
        error={errorOf('confirmPassword')}
        {...form.register('confirmPassword')}
      />
      <Button
        type="submit"
        pending={form.formState.isSubmitting}
        pendingLabel="Resetting…"
        className="self-start"
      >
        Reset password
      </Button>
    </ActionForm>
  );
}
