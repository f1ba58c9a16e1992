'use client';

import { ActionForm } from '@/components/forms/action-form';
import { HintQuestionOptions } from '@/components/forms/hint-question-options';
import { PasswordStrengthMeter } from '@/components/forms/password-strength-meter';
import { useActionForm } from '@/components/forms/use-action-form';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { signUpSchema } from '@/lib/accounts/schemas';

import { signUp } from '../actions';

export function SignUpForm() {
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
    <ActionForm form={submission} className="flex flex-col gap-5" aria-label="Create account">
      <fieldset className="flex flex-col gap-4">
        <legend className="mb-2 text-lg font-semibold">About you (the parent or guardian)</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            id="firstName"
            label="First name"
            required
            autoComplete="given-name"
            error={errorOf('firstName')}
            {...register('firstName')}
          />
          <TextField
            id="lastName"
            label="Last name"
            required
            autoComplete="family-name"
            error={errorOf('lastName')}
            {...register('lastName')}
          />
        </div>
        <TextField
          id="email"
          label="Email"
          required
          type="email"
          autoComplete="email"
          inputMode="email"
          error={errorOf('email')}
          hint="We send a link to confirm it, and notices when something new is waiting in the portal."
          {...register('email')}
        />
      </fieldset>
      <fieldset className="flex flex-col gap-4">
        <legend className="mb-2 text-lg font-semibold">How you will sign in</legend>
        <TextField
          id="userId"
          label="User ID"
          required
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          error={errorOf('userId')}
          hint="4 to 32 letters or numbers; dots, dashes and underscores are fine. No spaces."
          {...register('userId')}
        />
        <TextField
          id="password"
          label="Password"
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
          label="Confirm password"
          required
          type="password"
          autoComplete="new-password"
          error={errorOf('confirmPassword')}
          {...register('confirmPassword')}
        />
      </fieldset>
      <fieldset className="flex flex-col gap-4">
        <legend className="mb-2 text-lg font-semibold">If you forget your password</legend>
        <SelectField
          id="hintQuestion"
          label="Hint question"
          required
          error={errorOf('hintQuestion')}
          defaultValue=""
          {...register('hintQuestion')}
        >
          <HintQuestionOptions />
        </SelectField>
        <TextField
          id="hintAnswer"
          label="Hint answer"
          required
          autoComplete="off"
          error={errorOf('hintAnswer')}
          hint="Capital letters and extra spaces do not matter. The office can never see your answer."
          {...register('hintAnswer')}
        />
      </fieldset>
      <Button type="submit" pending={formState.isSubmitting} pendingLabel="Creating your account…">
        Create account
      </Button>
    </ActionForm>
  );
}
