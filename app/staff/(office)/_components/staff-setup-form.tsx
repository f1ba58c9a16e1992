'use client';

import { completeStaffAccountSetup } from '@/app/staff/setup/actions';
import { PasswordStrengthMeter } from '@/components/forms/password-strength-meter';
import { useActionForm } from '@/components/forms/use-action-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { staffSetupSchema } from '@/lib/staff/schemas';

export function StaffSetupForm({ token }: { token: string }) {
  const { form, onSubmit, formError, errorOf } = useActionForm({
    schema: staffSetupSchema,
    action: completeStaffAccountSetup,
    defaultValues: { token, newPassword: '', confirmPassword: '' },
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
        id="setup-newPassword"
        label="Your new password"
        type="password"
        autoComplete="new-password"
        hint="At least 12 characters and hard to guess."
        error={errorOf('newPassword')}
        {...form.register('newPassword')}
      />
      <PasswordStrengthMeter password={form.watch('newPassword') ?? ''} userInputs={[]} />
      <TextField
        id="setup-confirmPassword"
        label="Type it again"
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
        Save my password and continue
      </Button>
    </form>
  );
}
