'use client';

import { useTranslations } from 'next-intl';

import { ActionForm } from '@/components/forms/action-form';
import { PasswordStrengthMeter } from '@/components/forms/password-strength-meter';
import { useActionForm } from '@/components/forms/use-action-form';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { choosePasswordSchema } from '@/lib/accounts/schemas';

import { chooseOwnPassword } from '../actions';

export function ChoosePasswordForm() {
  const t = useTranslations('auth');
  const submission = useActionForm({
    schema: choosePasswordSchema,
    action: chooseOwnPassword,
    defaultValues: { newPassword: '', confirmPassword: '' },
  });
  const { form, errorOf } = submission;
  return (
    <ActionForm
      form={submission}
      className="flex flex-col gap-4"
      aria-label={t('choosePasswordForm')}
    >
      <TextField
        id="choose-new"
        label={t('newPassword')}
        required
        type="password"
        autoComplete="new-password"
        error={errorOf('newPassword')}
        {...form.register('newPassword')}
      />
      <PasswordStrengthMeter password={form.watch('newPassword') ?? ''} userInputs={[]} />
      <TextField
        id="choose-confirm"
        label={t('confirmNewPassword')}
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
        {t('savePassword')}
      </Button>
    </ActionForm>
  );
}
