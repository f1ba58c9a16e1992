'use client';

import { useTranslations } from 'next-intl';

import { completeStaffAccountSetup } from '@/app/staff/setup/actions';
import { ActionForm } from '@/components/forms/action-form';
import { PasswordStrengthMeter } from '@/components/forms/password-strength-meter';
import { useActionForm } from '@/components/forms/use-action-form';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { staffSetupSchema } from '@/lib/staff/schemas';

export function StaffSetupForm({ token }: { token: string }) {
  const t = useTranslations('staffForms.setup');
  const submission = useActionForm({
    schema: staffSetupSchema,
    action: completeStaffAccountSetup,
    defaultValues: { token, newPassword: '', confirmPassword: '' },
  });
  const { form, errorOf } = submission;
  return (
    <ActionForm form={submission} className="flex flex-col gap-4" aria-label={t('label')}>
      <TextField
        id="setup-newPassword"
        label={t('newPassword')}
        required
        type="password"
        autoComplete="new-password"
        hint={t('newPasswordHint')}
        error={errorOf('newPassword')}
        {...form.register('newPassword')}
      />
      <PasswordStrengthMeter password={form.watch('newPassword') ?? ''} userInputs={[]} />
      <TextField
        id="setup-confirmPassword"
        label={t('confirmPassword')}
        required
        type="password"
        autoComplete="new-password"
        error={errorOf('confirmPassword')}
        {...form.register('confirmPassword')}
      />
      <Button
        type="submit"
        pending={form.formState.isSubmitting}
        pendingLabel={t('saving')}
        className="self-start"
      >
        {t('submit')}
      </Button>
    </ActionForm>
  );
}
