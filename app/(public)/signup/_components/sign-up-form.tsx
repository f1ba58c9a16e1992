'use client';

import { useTranslations } from 'next-intl';

import { ActionForm } from '@/components/forms/action-form';
import { HintQuestionOptions } from '@/components/forms/hint-question-options';
import { PasswordStrengthMeter } from '@/components/forms/password-strength-meter';
import { useActionForm } from '@/components/forms/use-action-form';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { signUpSchema } from '@/lib/accounts/schemas';

import { signUp } from '../actions';

export function SignUpForm() {
  const t = useTranslations('auth');
  const submission = useActionForm({
    schema: signUpSchema,
    action: signUp,
    defaultValues: {
      firstName: '',
      lastName: '',
      userId: '',
      email: '',
      password: '',
      confirmPassword: '',
      hintQuestion: undefined,
      hintAnswer: '',
    },
    worksWithoutJavaScript: true,
  });
  const { form, errorOf } = submission;
  const { register, formState, watch } = form;
  const [password, userId, email, firstName, lastName] = watch([
    'password',
    'userId',
    'email',
    'firstName',
    'lastName',
  ]);

  return (
    <ActionForm
      form={submission}
      className="flex flex-col gap-5"
      aria-label={t('createAccountForm')}
    >
      <fieldset className="flex flex-col gap-4">
        <legend className="mb-2 text-lg font-semibold">{t('aboutYou')}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            id="firstName"
            label={t('firstName')}
            required
            autoComplete="given-name"
            error={errorOf('firstName')}
            {...register('firstName')}
          />
          <TextField
            id="lastName"
            label={t('lastName')}
            required
            autoComplete="family-name"
            error={errorOf('lastName')}
            {...register('lastName')}
          />
        </div>
        <TextField
          id="email"
          label={t('email')}
          required
          type="email"
          autoComplete="email"
          inputMode="email"
          error={errorOf('email')}
          hint={t('emailHint')}
          {...register('email')}
        />
      </fieldset>
      <fieldset className="flex flex-col gap-4">
        <legend className="mb-2 text-lg font-semibold">{t('howYouSignIn')}</legend>
        <TextField
          id="userId"
          label={t('userId')}
          required
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          error={errorOf('userId')}
          hint={t('userIdHint')}
          {...register('userId')}
        />
        <TextField
          id="password"
          label={t('password')}
          required
          type="password"
          autoComplete="new-password"
          error={errorOf('password')}
          {...register('password')}
        />
        <PasswordStrengthMeter
          password={password ?? ''}
          userInputs={[userId ?? '', email ?? '', firstName ?? '', lastName ?? '']}
        />
        <TextField
          id="confirmPassword"
          label={t('confirmPassword')}
          required
          type="password"
          autoComplete="new-password"
          error={errorOf('confirmPassword')}
          {...register('confirmPassword')}
        />
      </fieldset>
      <fieldset className="flex flex-col gap-4">
        <legend className="mb-2 text-lg font-semibold">{t('ifYouForget')}</legend>
        <SelectField
          id="hintQuestion"
          label={t('hintQuestion')}
          required
          error={errorOf('hintQuestion')}
          defaultValue=""
          {...register('hintQuestion')}
        >
          <HintQuestionOptions />
        </SelectField>
        <TextField
          id="hintAnswer"
          label={t('hintAnswer')}
          required
          autoComplete="off"
          error={errorOf('hintAnswer')}
          hint={t('hintAnswerHint')}
          {...register('hintAnswer')}
        />
      </fieldset>
      <Button type="submit" pending={formState.isSubmitting} pendingLabel={t('creating')}>
        {t('createAccount')}
      </Button>
    </ActionForm>
  );
}
