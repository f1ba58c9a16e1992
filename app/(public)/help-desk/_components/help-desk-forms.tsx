'use client';

import { useTranslations } from 'next-intl';

import { ActionForm } from '@/components/forms/action-form';
import { IdentifierField, SubmitButton } from '@/components/forms/fields';
import { useActionForm } from '@/components/forms/use-action-form';
import { TextAreaField, TextField } from '@/components/ui/field';
import { newTemporaryPasswordSchema, signInProblemSchema } from '@/lib/help-desk/schemas';

import { reportProblemSigningIn, sendNewTemporaryPassword } from '../actions';

export function NewTemporaryPasswordForm() {
  const t = useTranslations('helpDeskForms');
  const submission = useActionForm({
    schema: newTemporaryPasswordSchema,
    action: sendNewTemporaryPassword,
    defaultValues: { identifier: '' },
    worksWithoutJavaScript: true,
  });
  const { form, errorOf } = submission;
  return (
    <ActionForm form={submission} className="flex flex-col gap-4" aria-label={t('passwordForm')}>
      <IdentifierField
        id="help-desk-identifier"
        label={t('identifier')}
        error={errorOf('identifier')}
        {...form.register('identifier')}
      />
      <SubmitButton pending={submission.pending} pendingLabel={t('sending')}>
        {t('sendPassword')}
      </SubmitButton>
    </ActionForm>
  );
}

export function SignInProblemForm() {
  const t = useTranslations('helpDeskForms');
  const submission = useActionForm({
    schema: signInProblemSchema,
    action: reportProblemSigningIn,
    defaultValues: { name: '', contact: '', description: '' },
    worksWithoutJavaScript: true,
  });
  const { form, errorOf } = submission;
  return (
    <ActionForm form={submission} className="flex flex-col gap-4" aria-label={t('problemForm')}>
      <TextField
        id="problem-name"
        label={t('name')}
        required
        autoComplete="name"
        error={errorOf('name')}
        {...form.register('name')}
      />
      <TextField
        id="problem-contact"
        label={t('contact')}
        hint={t('contactHint')}
        required
        autoComplete="email"
        error={errorOf('contact')}
        {...form.register('contact')}
      />
      <TextAreaField
        id="problem-description"
        label={t('description')}
        hint={t('descriptionHint')}
        required
        error={errorOf('description')}
        {...form.register('description')}
      />
      <SubmitButton pending={submission.pending} pendingLabel={t('sending')}>
        {t('sendProblem')}
      </SubmitButton>
    </ActionForm>
  );
}
