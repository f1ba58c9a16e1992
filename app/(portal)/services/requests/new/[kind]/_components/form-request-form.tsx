'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

import { useActionForm } from '@/components/forms/use-action-form';
import { SelectField, TextField } from '@/components/ui/field';
import { formTypes } from '@/lib/requests/vocabulary';

import { requestForm } from '../../../actions';
import { RequestFormShell } from './request-form-shell';

export function FormRequestForm({
  childId,
  noticeId,
  kindName,
  formTypeNames,
}: {
  childId: string;
  noticeId: string;
  kindName: string;
  formTypeNames: Record<string, string>;
}) {
  const t = useTranslations('requestForms');
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const submission = useActionForm({
    schema: () => import('@/lib/requests/schemas').then((s) => s.formRequestSchema),
    action: requestForm,
    defaultValues: {
      childId,
      formType: undefined,
      neededBy: '',
      note: '',
      file: undefined,
      idempotencyKey,
    },
  });
  const { form, errorOf } = submission;
  const { register, setValue } = form;
  return (
    <RequestFormShell submission={submission} kindName={kindName} noticeId={noticeId}>
      <SelectField
        id="formType"
        label={t('formType')}
        required
        defaultValue=""
        error={errorOf('formType')}
        {...register('formType')}
      >
        <option value="">{t('choose')}</option>
        {formTypes.map((type) => (
          <option key={type} value={type}>
            {formTypeNames[type]}
          </option>
        ))}
      </SelectField>
      <TextField
        id="neededBy"
        type="date"
        label={t('neededBy')}
        error={errorOf('neededBy')}
        {...register('neededBy')}
      />
      {/* The file travels with the form's values; its type is checked on the server by content. */}
      <TextField
        id="file"
        name="file"
        type="file"
        accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
        label={t('file')}
        hint={t('fileHint')}
        error={errorOf('file')}
        onChange={(event) =>
          setValue('file', event.currentTarget.files?.[0], { shouldValidate: true })
        }
      />
    </RequestFormShell>
  );
}
