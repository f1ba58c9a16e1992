'use client';

import { useTranslations } from 'next-intl';
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
  const t = useTranslations('staffForms.callerVerification');
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="font-medium">
        {t('legend')}
        <RequiredMark />
      </legend>
      <label className="inline-flex min-h-11 items-center gap-2">
        <input type="checkbox" className="size-5" {...register('confirmedDateOfBirth')} />
        {t('dateOfBirth')}
      </label>
      <label className="inline-flex min-h-11 items-center gap-2">
        <input type="checkbox" className="size-5" {...register('confirmedAddressOrPhone')} />
        {t('addressOrPhone')}
      </label>
      <TextField
        id={`${idPrefix}-otherVerification`}
        label={t('other')}
        hint={otherHint}
        error={otherError}
        {...register('otherVerification')}
      />
    </fieldset>
  );
}
