'use client';

import { useTranslations } from 'next-intl';

import { TextField } from '@/components/ui/field';
import { formTypes } from '@/lib/requests/vocabulary';

import { requestForm } from '../../../actions';
import { RequestFormShell, RequiredChoice } from './request-form-shell';
import { useRequestForm } from './use-request-form';

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
  const submission = useRequestForm({
    schema: () => import('@/lib/requests/schemas').then((s) => s.formRequestSchema),
    action: requestForm,
    childId,
    fields: {
      formType: undefined,
      neededBy: '',
      file: undefined,
    },
  });
  const { form, errorOf } = submission;
  const { register, setValue } = form;
  return (
    <RequestFormShell submission={submission} kindName={kindName} noticeId={noticeId}>
      <RequiredChoice
        id="formType"
        label={t('formType')}
        error={errorOf('formType')}
        choices={formTypes}
        names={formTypeNames}
        field={register('formType')}
      />
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
