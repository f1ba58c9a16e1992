'use client';

import { useTranslations } from 'next-intl';

import { TextField } from '@/components/ui/field';
import { recordsScopes } from '@/lib/requests/vocabulary';

import { requestRecords } from '../../../actions';
import { RequestFormShell, RequiredChoice } from './request-form-shell';
import { useRequestForm } from './use-request-form';

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
  const submission = useRequestForm({
    schema: () => import('@/lib/requests/schemas').then((s) => s.recordsRequestSchema),
    action: requestRecords,
    childId,
    fields: {
      scope: undefined,
      periodFrom: '',
      periodTo: '',
    },
    worksWithoutJavaScript: true,
  });
  const { form, errorOf } = submission;
  const { register } = form;
  return (
    <RequestFormShell submission={submission} kindName={kindName} noticeId={noticeId}>
      <RequiredChoice
        id="scope"
        label={t('scope')}
        error={errorOf('scope')}
        choices={recordsScopes}
        names={scopeNames}
        field={register('scope')}
      />
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
    </RequestFormShell>
  );
}
