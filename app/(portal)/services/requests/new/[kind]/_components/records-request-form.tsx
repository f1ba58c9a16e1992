'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

import { ActionForm } from '@/components/forms/action-form';
import { useActionForm } from '@/components/forms/use-action-form';
import { Button } from '@/components/ui/button';
import { SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { NOTE_MAX, recordsScopes } from '@/lib/requests/vocabulary';

import { requestRecords } from '../../../actions';

export function RecordsRequestForm({
  childId,
  noticeId,
  kindName,
  scopeNames,
}: {
  childId: string;
  noticeId: string;
  kindName: string;
  scopeNames: Record<string, string>;
}) {
  const t = useTranslations('requestForms');
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const submission = useActionForm({
    schema: () => import('@/lib/requests/schemas').then((s) => s.recordsRequestSchema),
    action: requestRecords,
    defaultValues: {
      childId,
      scope: undefined,
      periodFrom: '',
      periodTo: '',
      note: '',
      idempotencyKey,
    },
    worksWithoutJavaScript: true,
  });
  const { form, errorOf, pending } = submission;
  const { register } = form;
  return (
    <ActionForm
      form={submission}
      className="flex flex-col gap-5"
      aria-label={t('formLabel', { kind: kindName })}
      aria-describedby={noticeId}
    >
      <input type="hidden" defaultValue={idempotencyKey} {...register('idempotencyKey')} />
      <input type="hidden" defaultValue={childId} {...register('childId')} />
      <SelectField
        id="scope"
        label={t('scope')}
        required
        defaultValue=""
        error={errorOf('scope')}
        {...register('scope')}
      >
        <option value="">{t('choose')}</option>
        {recordsScopes.map((scope) => (
          <option key={scope} value={scope}>
            {scopeNames[scope]}
          </option>
        ))}
      </SelectField>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          id="periodFrom"
          type="date"
          label={t('periodFrom')}
          error={errorOf('periodFrom')}
          {...register('periodFrom')}
        />
        <TextField
          id="periodTo"
          type="date"
          label={t('periodTo')}
          error={errorOf('periodTo')}
          {...register('periodTo')}
        />
      </div>
      <p className="text-sm text-slate-700">{t('delivery')}</p>
      <TextAreaField
        id="note"
        label={t('note')}
        maxLength={NOTE_MAX}
        className="min-h-24"
        error={errorOf('note')}
        {...register('note')}
      />
      <Button type="submit" pending={pending} pendingLabel={t('sending')} className="self-start">
        {t('submit')}
      </Button>
    </ActionForm>
  );
}
