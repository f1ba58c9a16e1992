'use client';

import { useTranslations } from 'next-intl';

import { TextField } from '@/components/ui/field';
import { RequiredMark } from '@/components/ui/required-note';
import { SHORT_MAX } from '@/lib/requests/vocabulary';

import { requestRenewal } from '../../../actions';
import { RequestFormShell } from './request-form-shell';
import { useRequestForm } from './use-request-form';

export function RenewalForm({
  childId,
  noticeId,
  kindName,
  medications,
  pharmacy,
}: {
  childId: string;
  noticeId: string;
  kindName: string;
  medications: { id: string; name: string }[];
  pharmacy: { name: string; phone: string; address: string } | null;
}) {
  const t = useTranslations('requestForms');
  const submission = useRequestForm({
    schema: () => import('@/lib/requests/schemas').then((s) => s.renewalRequestSchema),
    action: requestRenewal,
    childId,
    fields: {
      medicationIds: medications.length === 1 ? [medications[0]!.id] : [],
      pharmacyName: pharmacy?.name ?? '',
      pharmacyPhone: pharmacy?.phone ?? '',
      pharmacyAddress: pharmacy?.address ?? '',
    },
  });
  const { form, errorOf } = submission;
  const { register } = form;
  const medicationError = errorOf('medicationIds');
  return (
    <RequestFormShell submission={submission} kindName={kindName} noticeId={noticeId}>
      <fieldset aria-describedby={medicationError ? 'medicationIds-error' : undefined}>
        <legend className="font-medium">
          {t('medications')}
          <RequiredMark />
        </legend>
        <div className="mt-2 flex flex-col gap-1">
          {medications.map((medication) => (
            <label key={medication.id} className="inline-flex min-h-11 items-center gap-2">
              <input
                type="checkbox"
                value={medication.id}
                className="size-5"
                {...register('medicationIds')}
              />
              {medication.name}
            </label>
          ))}
        </div>
        {medicationError ? (
          <p id="medicationIds-error" role="alert" className="text-sm font-medium text-red-700">
            {medicationError}
          </p>
        ) : null}
      </fieldset>
      <fieldset className="flex flex-col gap-4">
        <legend className="font-medium">{t('pharmacy')}</legend>
        <TextField
          id="pharmacyName"
          label={t('pharmacyName')}
          required
          maxLength={SHORT_MAX}
          error={errorOf('pharmacyName')}
          {...register('pharmacyName')}
        />
        <TextField
          id="pharmacyPhone"
          type="tel"
          label={t('pharmacyPhone')}
          required
          error={errorOf('pharmacyPhone')}
          {...register('pharmacyPhone')}
        />
        <TextField
          id="pharmacyAddress"
          label={t('pharmacyAddress')}
          required
          maxLength={SHORT_MAX}
          error={errorOf('pharmacyAddress')}
          {...register('pharmacyAddress')}
        />
      </fieldset>
    </RequestFormShell>
  );
}
