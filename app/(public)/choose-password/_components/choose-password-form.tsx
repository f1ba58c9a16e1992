'use client';

import { useTranslations } from 'next-intl';

import { ActionForm } from '@/components/forms/action-form';
import { NewPasswordFields, SubmitButton } from '@/components/forms/fields';
import { useActionForm } from '@/components/forms/use-action-form';
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
      <NewPasswordFields
        form={form}
        errorOf={errorOf}
        ids={{ newPassword: 'choose-new', confirmPassword: 'choose-confirm' }}
        labels={{ newPassword: t('newPassword'), confirmPassword: t('confirmNewPassword') }}
      />
      <SubmitButton pending={form.formState.isSubmitting} pendingLabel={t('saving')}>
        {t('savePassword')}
      </SubmitButton>
    </ActionForm>
  );
}
