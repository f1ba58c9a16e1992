import type { ComponentProps, ReactNode } from 'react';
import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';

import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';

import { PasswordStrengthMeter } from './password-strength-meter';

/**
 * The fields and the button that many forms ask for in the same way. Each keeps the form's own
 * words (labels come in as props) and its own ids, so a form reads the same as before it used them.
 */

type TextFieldProps = ComponentProps<typeof TextField>;

/** The submit button at the foot of a form, left-aligned, saying it is working while it is. */
export function SubmitButton({
  pending,
  pendingLabel,
  variant,
  children,
}: {
  pending: boolean;
  pendingLabel: string;
  variant?: ComponentProps<typeof Button>['variant'];
  children: ReactNode;
}) {
  return (
    <Button
      type="submit"
      variant={variant}
      pending={pending}
      pendingLabel={pendingLabel}
      className="self-start"
    >
      {children}
    </Button>
  );
}

/**
 * A password the person types now (`current`, for a check) or chooses (`new`); the browser's
 * password manager is told which, so it fills one and offers to save the other.
 */
export function PasswordField({
  purpose,
  ...field
}: Omit<TextFieldProps, 'type' | 'autoComplete' | 'required'> & { purpose: 'current' | 'new' }) {
  return (
    <TextField
      required
      type="password"
      autoComplete={purpose === 'current' ? 'current-password' : 'new-password'}
      {...field}
    />
  );
}

/**
 * "User ID or email", the way the recovery and help desk forms ask for it: the password manager
 * may fill it, and phones do not capitalise it.
 */
export function IdentifierField(
  field: Omit<TextFieldProps, 'autoComplete' | 'autoCapitalize' | 'required'>,
) {
  return <TextField required autoComplete="username" autoCapitalize="none" {...field} />;
}

interface NewPasswordValues extends FieldValues {
  newPassword: string;
  confirmPassword: string;
}

/**
 * A new password, its strength as it is typed, and the same again: every form that sets a
 * password (account, reset, first password, staff set-up) asks for it this way, with the fields
 * named `newPassword` and `confirmPassword` as in their zod schemas.
 */
export function NewPasswordFields<TInput extends NewPasswordValues, TOutput extends FieldValues>({
  form,
  errorOf,
  ids,
  labels,
  newPasswordHint,
}: {
  form: UseFormReturn<TInput, unknown, TOutput>;
  errorOf: (name: Path<TInput>) => string | undefined;
  ids: { newPassword: string; confirmPassword: string };
  labels: { newPassword: string; confirmPassword: string };
  newPasswordHint?: string;
}) {
  // Both names are in TInput by its bound; TypeScript cannot see that through Path<>.
  const newPassword = 'newPassword' as Path<TInput>;
  const confirmPassword = 'confirmPassword' as Path<TInput>;
  return (
    <>
      <PasswordField
        purpose="new"
        id={ids.newPassword}
        label={labels.newPassword}
        hint={newPasswordHint}
        error={errorOf(newPassword)}
        {...form.register(newPassword)}
      />
      <PasswordStrengthMeter password={String(form.watch(newPassword) ?? '')} userInputs={[]} />
      <PasswordField
        purpose="new"
        id={ids.confirmPassword}
        label={labels.confirmPassword}
        error={errorOf(confirmPassword)}
        {...form.register(confirmPassword)}
      />
    </>
  );
}
