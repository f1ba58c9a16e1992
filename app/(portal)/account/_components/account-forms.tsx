'use client';

import { useState } from 'react';

import { ActionForm } from '@/components/forms/action-form';
import { HintQuestionOptions } from '@/components/forms/hint-question-options';
import { PasswordStrengthMeter } from '@/components/forms/password-strength-meter';
import { useActionForm } from '@/components/forms/use-action-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';

import { changeMyEmail, changeMyHint, changeMyPassword, signOutEverywhere } from '../actions';

export function ChangePasswordForm() {
  const [done, setDone] = useState<string | null>(null);
  const submission = useActionForm({
    schema: () => import('@/lib/accounts/schemas').then((schemas) => schemas.changePasswordSchema),
    action: changeMyPassword,
    defaultValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
    onSuccess: (data) => {
      form.reset();
      setDone(
        `Your password is changed.${data.sessionsEnded ? ' Your other devices were signed out.' : ''}`,
      );
    },
  });
  const { form, errorOf } = submission;
  return (
    <ActionForm form={submission} className="flex flex-col gap-4" aria-label="Change password">
      {done ? <Alert tone="success">{done}</Alert> : null}
      <TextField
        id="cp-current"
        label="Current password"
        required
        type="password"
        autoComplete="current-password"
        error={errorOf('currentPassword')}
        {...form.register('currentPassword')}
      />
      <TextField
        id="cp-new"
        label="New password"
        required
        type="password"
        autoComplete="new-password"
        error={errorOf('newPassword')}
        {...form.register('newPassword')}
      />
      <PasswordStrengthMeter password={form.watch('newPassword') ?? ''} userInputs={[]} />
      <TextField
        id="cp-confirm"
        label="Confirm new password"
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
        Change password
      </Button>
    </ActionForm>
  );
}

export function ChangeEmailForm() {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const submission = useActionForm({
    schema: () => import('@/lib/accounts/schemas').then((schemas) => schemas.changeEmailSchema),
    action: changeMyEmail,
    defaultValues: { currentPassword: '', newEmail: '' },
    onSuccess: () => {
      setSentTo(form.getValues('newEmail'));
      form.reset();
    },
  });
  const { form, errorOf } = submission;
  return (
    <ActionForm form={submission} className="flex flex-col gap-4" aria-label="Change email">
      {sentTo ? (
        <Alert tone="success">
          We sent a link to {sentTo}. Your email changes when you open it. We also told your current
          address.
        </Alert>
      ) : null}
      <TextField
        id="ce-new"
        label="New email"
        required
        type="email"
        autoComplete="email"
        error={errorOf('newEmail')}
        {...form.register('newEmail')}
      />
      <TextField
        id="ce-current"
        label="Current password"
        required
        type="password"
        autoComplete="current-password"
        error={errorOf('currentPassword')}
        {...form.register('currentPassword')}
      />
      <Button
        type="submit"
        pending={form.formState.isSubmitting}
        pendingLabel="Sending…"
        className="self-start"
      >
        Change email
      </Button>
    </ActionForm>
  );
}

export function ChangeHintForm({ currentQuestion }: { currentQuestion: string | null }) {
  const [done, setDone] = useState(false);
  const submission = useActionForm({
    schema: () => import('@/lib/accounts/schemas').then((schemas) => schemas.changeHintSchema),
    action: changeMyHint,
    defaultValues: { currentPassword: '', hintQuestion: undefined, hintAnswer: '' },
    onSuccess: () => {
      form.reset();
      setDone(true);
    },
  });
  const { form, errorOf } = submission;
  return (
    <ActionForm form={submission} className="flex flex-col gap-4" aria-label="Change hint question">
      {done ? <Alert tone="success">Your hint question and answer are changed.</Alert> : null}
      {currentQuestion ? (
        <p className="text-slate-700">Your question now: “{currentQuestion}”</p>
      ) : null}
      <SelectField
        id="ch-question"
        label="Hint question"
        required
        defaultValue=""
        error={errorOf('hintQuestion')}
        {...form.register('hintQuestion')}
      >
        <HintQuestionOptions />
      </SelectField>
      <TextField
        id="ch-answer"
        label="Hint answer"
        required
        autoComplete="off"
        error={errorOf('hintAnswer')}
        {...form.register('hintAnswer')}
      />
      <TextField
        id="ch-current"
        label="Current password"
        required
        type="password"
        autoComplete="current-password"
        error={errorOf('currentPassword')}
        {...form.register('currentPassword')}
      />
      <Button
        type="submit"
        pending={form.formState.isSubmitting}
        pendingLabel="Saving…"
        className="self-start"
      >
        Change hint
      </Button>
    </ActionForm>
  );
}

export function SignOutEverywhereButton() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-col items-start gap-2">
      <Button
        variant="danger"
        pending={pending}
        pendingLabel="Signing out…"
        onClick={async () => {
          setPending(true);
          const result = await signOutEverywhere({});
          setPending(false);
          if (result && !result.ok) setError(result.formError ?? 'Please try again.');
        }}
      >
        Sign out of all devices
      </Button>
      {error ? (
        <p role="alert" className="text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
