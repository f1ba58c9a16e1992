'use client';

import { useTranslations } from 'next-intl';

import { ActionForm } from '@/components/forms/action-form';
import { IdentifierField, NewPasswordFields, SubmitButton } from '@/components/forms/fields';
import { useActionForm } from '@/components/forms/use-action-form';
import { TextField } from '@/components/ui/field';
import {
  forgotPasswordSchema,
  forgotUserIdSchema,
  resetPasswordSchema,
} from '@/lib/accounts/schemas';

import { requestPasswordResetLink, resetPassword } from '../forgot-password/actions';
import { emailMyUserId } from '../forgot-user-id/actions';

export function ForgotPasswordForm() {
  const t = useTranslations('auth');
  const tc = useTranslations('common');
  const submission = useActionForm({
    schema: forgotPasswordSchema,
    action: requestPasswordResetLink,
    defaultValues: { identifier: '' },
    worksWithoutJavaScript: true,
  });
  const { form, errorOf } = submission;
  return (
    <ActionForm
      form={submission}
      className="flex flex-col gap-4"
      aria-label={t('forgotPasswordForm')}
    >
      <IdentifierField
        id="forgot-identifier"
        label={t('identifier')}
        error={errorOf('identifier')}
        {...form.register('identifier')}
      />
      <SubmitButton pending={form.formState.isSubmitting} pendingLabel={tc('oneMoment')}>
        {t('continue')}
      </SubmitButton>
    </ActionForm>
  );
}

export function ForgotUserIdForm() {
  const t = useTranslations('auth');
  const tc = useTranslations('common');
  const submission = useActionForm({
    schema: forgotUserIdSchema,
    action: emailMyUserId,
    defaultValues: { email: '' },
    worksWithoutJavaScript: true,
  });
  const { form, errorOf } = submission;
  return (
    <ActionForm
      form={submission}
      className="flex flex-col gap-4"
      aria-label={t('forgotUserIdForm')}
    >
      <TextField
        id="forgot-email"
        label={t('email')}
        required
        type="email"
        autoComplete="email"
        inputMode="email"
        error={errorOf('email')}
        {...form.register('email')}
      />
      <SubmitButton pending={form.formState.isSubmitting} pendingLabel={tc('oneMoment')}>
        {t('continue')}
      </SubmitButton>
    </ActionForm>
  );
}

export function ResetPasswordForm({
  token,
  hintQuestion,
}: {
  token: string;
  hintQuestion: string;
}) {
  const t = useTranslations('auth');
  const submission = useActionForm({
    schema: resetPasswordSchema,
    action: resetPassword,
    defaultValues: { token, hintAnswer: '', newPassword: '', confirmPassword: '' },
  });
  const { form, errorOf } = submission;
  return (
    <ActionForm form={submission} className="flex flex-col gap-4" aria-label={t('resetForm')}>
      <p className="rounded-md bg-slate-100 p-3">
        <span className="block text-sm text-slate-700">{t('yourHintQuestion')}</span>
        <strong>{hintQuestion}</strong>
      </p>
      <TextField
        id="reset-hintAnswer"
        label={t('hintAnswer')}
        required
        autoComplete="off"
        error={errorOf('hintAnswer')}
        {...form.register('hintAnswer')}
      />
      <NewPasswordFields
        form={form}
        errorOf={errorOf}
        ids={{ newPassword: 'reset-newPassword', confirmPassword: 'reset-confirmPassword' }}
        labels={{ newPassword: t('newPassword'), confirmPassword: t('confirmNewPassword') }}
      />
      <SubmitButton pending={form.formState.isSubmitting} pendingLabel={t('resetting')}>
        {t('resetPassword')}
      </SubmitButton>
    </ActionForm>
  );
}
