'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

import { ActionForm } from '@/components/forms/action-form';
import { useActionForm } from '@/components/forms/use-action-form';
import { Button } from '@/components/ui/button';
import { SelectField, TextAreaField, TextField } from '@/components/ui/field';
import {
  appointmentReasons,
  contactMethods,
  NOTE_MAX,
  REASON_MAX,
} from '@/lib/requests/vocabulary';

import { requestAppointment } from '../../../actions';

export function AppointmentForm({
  childId,
  noticeId,
  kindName,
  reasonNames,
  contactMethodNames,
}: {
  childId: string;
  noticeId: string;
  kindName: string;
  reasonNames: Record<string, string>;
  contactMethodNames: Record<string, string>;
}) {
  const t = useTranslations('requestForms');
  // One key per form: a double click or a resubmit is recognised as the same request.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const submission = useActionForm({
    schema: () => import('@/lib/requests/schemas').then((s) => s.appointmentRequestSchema),
    action: requestAppointment,
    defaultValues: {
      childId,
      reason: undefined,
      availability: '',
      contactMethod: 'phone',
      contactPhone: '',
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
        id="reason"
        label={t('reason')}
        required
        defaultValue=""
        error={errorOf('reason')}
        {...register('reason')}
      >
        <option value="">{t('choose')}</option>
        {appointmentReasons.map((reason) => (
          <option key={reason} value={reason}>
            {reasonNames[reason]}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        id="availability"
        label={t('availability')}
        hint={t('availabilityHint')}
        required
        maxLength={REASON_MAX}
        className="min-h-24"
        error={errorOf('availability')}
        {...register('availability')}
      />
      <SelectField
        id="contactMethod"
        label={t('contactMethod')}
        required
        defaultValue="phone"
        error={errorOf('contactMethod')}
        {...register('contactMethod')}
      >
        {contactMethods.map((method) => (
          <option key={method} value={method}>
            {contactMethodNames[method]}
          </option>
        ))}
      </SelectField>
      <TextField
        id="contactPhone"
        type="tel"
        autoComplete="tel"
        label={t('contactPhone')}
        error={errorOf('contactPhone')}
        {...register('contactPhone')}
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
