'use client';

import { completeStaffAccountSetup } from '@/app/staff/setup/actions';
import { ActionForm } from '@/components/forms/action-form';
import { PasswordStrengthMeter } from '@/components/forms/password-strength-meter';
import { useActionForm } from '@/components/forms/use-action-form';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { staffSetupSchema } from '@/lib/staff/schemas';

export function StaffSetupForm({ token }: { token: string }) {
  const submission = useActionForm({
    schema: staffSetupSchema,
    action: completeStaffAccountSetup,
    defaultValues: { token, newPassword: '', confirmPassword: '' },
  });
  const { form, errorOf } = submission;
  return (
    <ActionForm form={submission} className="flex flex-col gap-4" aria-label="Choose your password">
      <TextField
        id="setup-newPassword"
        label="Your new password"
        required
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
        Save my password and continue
      </Button>
    </ActionForm>
  );
}
