'use client';

import { useState } from 'react';

import { useActionForm } from '@/components/forms/use-action-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { currentPasswordSchema } from '@/lib/two-step/schemas';

import { replaceMyRecoveryCodes, turnOffMyTwoStep } from '../actions';
import { RecoveryCodesList } from './recovery-codes';

export function NewRecoveryCodesForm() {
  const [codes, setCodes] = useState<string[] | null>(null);
  const { form, onSubmit, formError, errorOf } = useActionForm({
    schema: currentPasswordSchema,
    action: replaceMyRecoveryCodes,
    defaultValues: { currentPassword: '' },
    onSuccess: (data) => {
      form.reset();
      setCodes(data.recoveryCodes);
    },
  });
  if (codes)
    return (
      <RecoveryCodesList
        codes={codes}
        doneLabel="I have saved them"
        onDone={() => setCodes(null)}
      />
    );
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="flex flex-col gap-4"
      aria-label="Make new recovery codes"
    >
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <TextField
        id="rc-current"
        label="Current password"
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
    </form>
  );
}

export function TurnOffTwoStepForm() {
  const { form, onSubmit, formError, errorOf } = useActionForm({
    schema: currentPasswordSchema,
    action: turnOffMyTwoStep,
    defaultValues: { currentPassword: '' },
  });
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="flex flex-col gap-4"
      aria-label="Turn off two-step verification"
    >
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <TextField
        id="off-current"
        label="Current password"
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
    </form>
  );
}
