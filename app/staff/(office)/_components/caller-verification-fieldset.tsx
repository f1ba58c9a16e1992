'use client';

import type { UseFormRegisterReturn } from 'react-hook-form';

import { TextField } from '@/components/ui/field';
import { RequiredMark } from '@/components/ui/required-note';

/** The office's identity checklist, the same wherever a PIN or temporary password is handed out. */
export function CallerVerificationFieldset({
  idPrefix,
  register,
  otherError,
  otherHint,
}: {
  idPrefix: string;
  register: (
    name: 'confirmedDateOfBirth' | 'confirmedAddressOrPhone' | 'otherVerification',
  ) => UseFormRegisterReturn;
  otherError?: string;
  otherHint?: string;
}) {
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="font-medium">
        How did you verify the caller? (at least two)
        <RequiredMark />
      </legend>
      <label className="inline-flex min-h-11 items-center gap-2">
        <input type="checkbox" className="size-5" {...register('confirmedDateOfBirth')} />
        Confirmed the child&apos;s date of birth
      </label>
      <label className="inline-flex min-h-11 items-center gap-2">
        <input type="checkbox" className="size-5" {...register('confirmedAddressOrPhone')} />
        Confirmed the address or phone number on file
      </label>
      <TextField
        id={`${idPrefix}-otherVerification`}
        label="Other verification"
        hint={otherHint}
        error={otherError}
        {...register('otherVerification')}
      />
    </fieldset>
  );
}
