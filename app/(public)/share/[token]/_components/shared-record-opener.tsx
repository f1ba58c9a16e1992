'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

import { ActionForm } from '@/components/forms/action-form';
import { SubmitButton } from '@/components/forms/fields';
import { useActionForm } from '@/components/forms/use-action-form';
import { ImmunizationRecordSheet } from '@/components/records/immunization-record-sheet';
import { PrintButton } from '@/components/records/print-button';
import { Alert } from '@/components/ui/alert';
import { TextField } from '@/components/ui/field';
import { RequiredNote } from '@/components/ui/required-note';
import type { ImmunizationRecordForPrint } from '@/lib/records/immunization-pdf';
import { openShareSchema } from '@/lib/records/share-schemas';

import { openShareWithCode } from '../../actions';

/**
 * The record appears only after a press of "Show the record" (and the code, when the link has
 * one): a link preview fetched by a chat app sees this form, never the record.
 */
export function SharedRecordOpener({ token, needsCode }: { token: string; needsCode: boolean }) {
  const t = useTranslations('shareLinks');
  const [opened, setOpened] = useState<{
    record: ImmunizationRecordForPrint;
    expiresAt: string;
  } | null>(null);
  const submission = useActionForm({
    schema: openShareSchema,
    action: openShareWithCode,
    defaultValues: { token, code: '' },
    onSuccess: setOpened,
  });
  const { form, errorOf } = submission;
  if (opened) {
    return (
      <div className="flex flex-col gap-4">
        <div className="flex flex-wrap items-center gap-3 print:hidden">
          <PrintButton />
          <p className="text-slate-700">{t('openWorksUntil', { date: opened.expiresAt })}</p>
        </div>
        <ImmunizationRecordSheet record={opened.record} shared />
      </div>
    );
  }
  const codeError = errorOf('code');
  return (
    <ActionForm
      form={submission}
      formErrorAtTop={false}
      requiredNote={false}
      className="mx-auto flex w-full max-w-md flex-col gap-4"
      aria-label={t('openLabel')}
    >
      <h1 className="text-2xl font-bold">{t('openTitle')}</h1>
      <p>{t('openIntro')}</p>
      {submission.formError && !codeError ? (
        <Alert tone="error">{submission.formError}</Alert>
      ) : null}
      {needsCode ? <RequiredNote /> : null}
      <input type="hidden" {...form.register('token')} />
      {needsCode ? (
        <TextField
          id="code"
          label={t('codeLabel')}
          hint={t('codeHint')}
          inputMode="numeric"
          autoComplete="off"
          maxLength={4}
          required
          className="max-w-32 font-mono text-xl tracking-widest"
          error={codeError}
          {...form.register('code')}
        />
      ) : null}
      <SubmitButton pending={form.formState.isSubmitting} pendingLabel={t('opening')}>
        {t('show')}
      </SubmitButton>
    </ActionForm>
  );
}
