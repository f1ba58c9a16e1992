'use client';

import { ActionForm } from '@/components/forms/action-form';
import { PasswordStrengthMeter } from '@/components/forms/password-strength-meter';
import { useActionForm } from '@/components/forms/use-action-form';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { choosePasswordSchema } from '@/lib/accounts/schemas';

import { chooseOwnPassword } from '../actions';

export function ChoosePasswordForm() {
  const submission = useActionForm({
    schema: choosePasswordSchema,
    action: chooseOwnPassword,
    defaultValues: { newPassword: '', confirmPassword: '' },
  });
  const { form, errorOf } = submission;
  return (
    <ActionForm form={submission} className="flex flex-col gap-4" aria-label="Choose your password">
      <TextField
        id="choose-new"
        label="New password"
        required
        type="password"
        autoComplete="new-password"
        error={errorOf('newPassword')}
        {...form.register('newPassword')}
      />
      <PasswordStrengthMeter password={form.watch('newPassword') ?? ''} userInputs={[]} />
      <TextField
        id="choose-confirm"
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
        pendingLabel="Saving…"
        className="self-start"
      >
        Save my password
      </Button>
    </ActionForm>
  );
}
