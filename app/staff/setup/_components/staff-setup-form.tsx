'use client';

import { useTranslations } from 'next-intl';

import { ActionForm } from '@/components/forms/action-form';
import { NewPasswordFields, SubmitButton } from '@/components/forms/fields';
import { useActionForm } from '@/components/forms/use-action-form';
import { staffSetupSchema } from '@/lib/staff/schemas';

import { completeStaffAccountSetup } from '../actions';

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
      <NewPasswordFields
        form={form}
        errorOf={errorOf}
        ids={{ newPassword: 'setup-newPassword', confirmPassword: 'setup-confirmPassword' }}
        labels={{ newPassword: t('newPassword'), confirmPassword: t('confirmPassword') }}
        newPasswordHint={t('newPasswordHint')}
      />
      <SubmitButton pending={form.formState.isSubmitting} pendingLabel={t('saving')}>
        {t('submit')}
      </SubmitButton>
    </ActionForm>
  );
}
