'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

import { ActionForm } from '@/components/forms/action-form';
import { useActionForm } from '@/components/forms/use-action-form';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';

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
      <TextField
        id="rc-current"
        label={t('currentPassword')}
        required
        type="password"
        autoComplete="current-password"
        error={errorOf('currentPassword')}
        {...form.register('currentPassword')}
      />
      <Button
        type="submit"
        variant="secondary"
        pending={form.formState.isSubmitting}
        pendingLabel={t('makingCodes')}
        className="self-start"
      >
        {t('makeNewCodes')}
      </Button>
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
      <TextField
        id="off-current"
        label={t('currentPassword')}
        required
        type="password"
        autoComplete="current-password"
        error={errorOf('currentPassword')}
        {...form.register('currentPassword')}
      />
      <Button
        type="submit"
        variant="danger"
        pending={form.formState.isSubmitting}
        pendingLabel={t('turningOff')}
        className="self-start"
      >
        {t('turnOff')}
      </Button>
    </ActionForm>
  );
}
