'use client';

import { useState } from 'react';

import { ActionForm } from '@/components/forms/action-form';
import { useActionForm } from '@/components/forms/use-action-form';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { currentPasswordSchema } from '@/lib/two-step/schemas';

import { replaceMyRecoveryCodes, turnOffMyTwoStep } from '../actions';
import { RecoveryCodesList } from './recovery-codes';

export function NewRecoveryCodesForm() {
  const [codes, setCodes] = useState<string[] | null>(null);
  const submission = useActionForm({
    schema: currentPasswordSchema,
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
      <RecoveryCodesList
        codes={codes}
        doneLabel="I have saved them"
        onDone={() => setCodes(null)}
      />
    );
  return (
    <ActionForm
      form={submission}
      className="flex flex-col gap-4"
      aria-label="Make new recovery codes"
    >
      <TextField
        id="rc-current"
        label="Current password"
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
        pendingLabel="Making codes…"
        className="self-start"
      >
        Make new recovery codes
      </Button>
    </ActionForm>
  );
}

export function TurnOffTwoStepForm() {
  const submission = useActionForm({
    schema: currentPasswordSchema,
    action: turnOffMyTwoStep,
    defaultValues: { currentPassword: '' },
  });
  const { form, errorOf } = submission;
  return (
    <ActionForm
      form={submission}
      className="flex flex-col gap-4"
      aria-label="Turn off two-step verification"
    >
      <TextField
        id="off-current"
        label="Current password"
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
        pendingLabel="Turning off…"
        className="self-start"
      >
        Turn off two-step verification
      </Button>
    </ActionForm>
  );
}
