'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

import { ActionForm } from '@/components/forms/action-form';
import { useActionForm } from '@/components/forms/use-action-form';
import { Button } from '@/components/ui/button';
import { SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { formTypes, NOTE_MAX } from '@/lib/requests/vocabulary';

import { requestForm } from '../../../actions';

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
  const { form, errorOf, pending } = submission;
  const { register, setValue } = form;
  return (
    <ActionForm
      form={submission}
      className="flex flex-col gap-5"
      aria-label={t('formLabel', { kind: kindName })}
      aria-describedby={noticeId}
    >
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
