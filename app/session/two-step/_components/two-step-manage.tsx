'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

import { ActionForm } from '@/components/forms/action-form';
import { PasswordField, SubmitButton } from '@/components/forms/fields';
import { useActionForm } from '@/components/forms/use-action-form';

import { replaceMyRecoveryCodes, turnOffMyTwoStep } from '../actions';
import { RecoveryCodesList } from './recovery-codes';

export function NewRecoveryCodesForm() {
  const t = useTranslations('twoStep');
  const [codes, setCodes] = useState<string[] | null>(null);
  const submission = useActionForm({
    schema: () => import('@/lib/two-step/schemas').then((schemas) => schemas.currentPasswordSchema),
    action: replaceMyRecoveryCodes,
    defaultValues: { currentPassword: '' },
    onSuccess: (data) => {
      form.reset();
      setCodes(data.recoveryCodes);
    },
  });
  const { form, errorOf } = submission;
  if (codes)
    return (
      <RecoveryCodesList codes={codes} doneLabel={t('savedThem')} onDone={() => setCodes(null)} />
    );
  return (
    <ActionForm form={submission} className="flex flex-col gap-4" aria-label={t('newCodesForm')}>
      <PasswordField
        purpose="current"
        id="rc-current"
        label={t('currentPassword')}
        error={errorOf('currentPassword')}
        {...form.register('currentPassword')}
      />
      <SubmitButton
        variant="secondary"
        pending={form.formState.isSubmitting}
        pendingLabel={t('makingCodes')}
      >
        {t('makeNewCodes')}
      </SubmitButton>
    </ActionForm>
  );
}

export function TurnOffTwoStepForm() {
  const t = useTranslations('twoStep');
  const submission = useActionForm({
    schema: () => import('@/lib/two-step/schemas').then((schemas) => schemas.currentPasswordSchema),
    action: turnOffMyTwoStep,
    defaultValues: { currentPassword: '' },
  });
  const { form, errorOf } = submission;
  return (
    <ActionForm form={submission} className="flex flex-col gap-4" aria-label={t('turnOffForm')}>
      <PasswordField
        purpose="current"
        id="off-current"
        label={t('currentPassword')}
        error={errorOf('currentPassword')}
        {...form.register('currentPassword')}
      />
      <SubmitButton
        variant="danger"
        pending={form.formState.isSubmitting}
        pendingLabel={t('turningOff')}
      >
        {t('turnOff')}
      </SubmitButton>
    </ActionForm>
  );
}
