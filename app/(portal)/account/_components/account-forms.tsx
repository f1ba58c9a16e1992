'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

import { ActionForm } from '@/components/forms/action-form';
import { NewPasswordFields, PasswordField, SubmitButton } from '@/components/forms/fields';
import { HintQuestionOptions } from '@/components/forms/hint-question-options';
import { useActionForm } from '@/components/forms/use-action-form';
import { Alert } from '@/components/ui/alert';
import { SelectField, TextField } from '@/components/ui/field';

import { changeMyEmail, changeMyHint, changeMyPassword } from '../actions';

export function ChangePasswordForm() {
  const t = useTranslations('accountForms');
  const [done, setDone] = useState<string | null>(null);
  const submission = useActionForm({
    schema: () => import('@/lib/accounts/schemas').then((schemas) => schemas.changePasswordSchema),
    action: changeMyPassword,
    defaultValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
    onSuccess: (data) => {
      form.reset();
      setDone(data.sessionsEnded ? t('passwordChangedOthersOut') : t('passwordChanged'));
    },
  });
  const { form, errorOf } = submission;
  return (
    <ActionForm form={submission} className="flex flex-col gap-4" aria-label={t('changePassword')}>
      {done ? <Alert tone="success">{done}</Alert> : null}
      <PasswordField
        purpose="current"
        id="cp-current"
        label={t('currentPassword')}
        error={errorOf('currentPassword')}
        {...form.register('currentPassword')}
      />
      <NewPasswordFields
        form={form}
        errorOf={errorOf}
        ids={{ newPassword: 'cp-new', confirmPassword: 'cp-confirm' }}
        labels={{ newPassword: t('newPassword'), confirmPassword: t('confirmPassword') }}
      />
      <SubmitButton pending={form.formState.isSubmitting} pendingLabel={t('saving')}>
        {t('changePassword')}
      </SubmitButton>
    </ActionForm>
  );
}

export function ChangeEmailForm() {
  const t = useTranslations('accountForms');
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
    <ActionForm form={submission} className="flex flex-col gap-4" aria-label={t('changeEmail')}>
      {sentTo ? <Alert tone="success">{t('emailLinkSent', { email: sentTo })}</Alert> : null}
      <TextField
        id="ce-new"
        label={t('newEmail')}
        required
        type="email"
        autoComplete="email"
        error={errorOf('newEmail')}
        {...form.register('newEmail')}
      />
      <PasswordField
        purpose="current"
        id="ce-current"
        label={t('currentPassword')}
        error={errorOf('currentPassword')}
        {...form.register('currentPassword')}
      />
      <SubmitButton pending={form.formState.isSubmitting} pendingLabel={t('sending')}>
        {t('changeEmail')}
      </SubmitButton>
    </ActionForm>
  );
}

export function ChangeHintForm({ currentQuestion }: { currentQuestion: string | null }) {
  const t = useTranslations('accountForms');
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
    <ActionForm form={submission} className="flex flex-col gap-4" aria-label={t('changeHintLabel')}>
      {done ? <Alert tone="success">{t('hintChanged')}</Alert> : null}
      {currentQuestion ? (
        <p className="text-slate-700">{t('currentQuestion', { question: currentQuestion })}</p>
      ) : null}
      <SelectField
        id="ch-question"
        label={t('hintQuestion')}
        required
        defaultValue=""
        error={errorOf('hintQuestion')}
        {...form.register('hintQuestion')}
      >
        <HintQuestionOptions />
      </SelectField>
      <TextField
        id="ch-answer"
        label={t('hintAnswer')}
        required
        autoComplete="off"
        error={errorOf('hintAnswer')}
        {...form.register('hintAnswer')}
      />
      <PasswordField
        purpose="current"
        id="ch-current"
        label={t('currentPassword')}
        error={errorOf('currentPassword')}
        {...form.register('currentPassword')}
      />
      <SubmitButton pending={form.formState.isSubmitting} pendingLabel={t('saving')}>
        {t('changeHint')}
      </SubmitButton>
    </ActionForm>
  );
}
