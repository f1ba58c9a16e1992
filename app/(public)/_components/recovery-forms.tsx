'use client';

import { PasswordStrengthMeter } from '@/components/forms/password-strength-meter';
import { useActionForm } from '@/components/forms/use-action-form';
import { Alert } from '@/components/ui/alert';
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
  const { form, onSubmit, formError, errorOf } = useActionForm({
    schema: forgotPasswordSchema,
    action: requestPasswordResetLink,
    defaultValues: { identifier: '' },
  });
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="flex flex-col gap-4"
      aria-label="Forgot password"
    >
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <TextField
        id="forgot-identifier"
        label="User ID or email"
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
    </form>
  );
}

export function ForgotUserIdForm() {
  const { form, onSubmit, formError, errorOf } = useActionForm({
    schema: forgotUserIdSchema,
    action: emailMyUserId,
    defaultValues: { email: '' },
  });
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="flex flex-col gap-4"
      aria-label="Forgot User ID"
    >
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <TextField
        id="forgot-email"
        label="Email"
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
    </form>
  );
}

export function ResetPasswordForm({
  token,
  hintQuestion,
}: {
  token: string;
  hintQuestion: string;
}) {
  const { form, onSubmit, formError, errorOf } = useActionForm({
    schema: resetPasswordSchema,
    action: resetPassword,
    defaultValues: { token, hintAnswer: '', newPassword: '', confirmPassword: '' },
  });
  const password = form.watch('newPassword') ?? '';
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="flex flex-col gap-4"
      aria-label="Reset password"
    >
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <p className="rounded-md bg-slate-100 p-3">
        <span className="block text-sm text-slate-700">Your hint question</span>
        <strong>{hintQuestion}</strong>
      </p>
      <TextField
        id="reset-hintAnswer"
        label="Hint answer"
        autoComplete="off"
        error={errorOf('hintAnswer')}
        {...form.register('hintAnswer')}
      />
      <TextField
        id="reset-newPassword"
        label="New password"
        type="password"
        autoComplete="new-password"
        error={errorOf('newPassword')}
        {...form.register('newPassword')}
      />
      <PasswordStrengthMeter password={password} userInputs={[]} />
      <TextField
        id="reset-confirmPassword"
        label="Confirm new password"
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
    </form>
  );
}
