'use client';

import { PasswordStrengthMeter } from '@/components/forms/password-strength-meter';
import { useActionForm } from '@/components/forms/use-action-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { choosePasswordSchema } from '@/lib/accounts/schemas';

import { chooseOwnPassword } from '../actions';

export function ChoosePasswordForm() {
  const { form, onSubmit, formError, errorOf } = useActionForm({
    schema: choosePasswordSchema,
    action: chooseOwnPassword,
    defaultValues: { newPassword: '', confirmPassword: '' },
  });
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="flex flex-col gap-4"
      aria-label="Choose your password"
    >
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <TextField
        id="choose-new"
        label="New password"
        type="password"
        autoComplete="new-password"
        error={errorOf('newPassword')}
        {...form.register('newPassword')}
      />
      <PasswordStrengthMeter password={form.watch('newPassword') ?? ''} userInputs={[]} />
      <TextField
        id="choose-confirm"
        label="Confirm new password"
        type="password"
        autoComplete="new-password"
        error={errorOf('confirmPassword')}
        {...form.register('confirmPassword')}
      />
      <Button
        type="submit"
        pending={form.formState.isSubmitting}
        pendingLabel="Saving…"
        className="self-start"
      >
        Save my password
      </Button>
    </form>
  );
}
