'use client';

import { useTranslations } from 'next-intl';

import { SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { appointmentReasons, contactMethods, REASON_MAX } from '@/lib/requests/vocabulary';

import { requestAppointment } from '../../../actions';
import { RequestFormShell, RequiredChoice } from './request-form-shell';
import { useRequestForm } from './use-request-form';

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
  const submission = useRequestForm({
    schema: () => import('@/lib/requests/schemas').then((s) => s.appointmentRequestSchema),
    action: requestAppointment,
    childId,
    fields: {
      reason: undefined,
      availability: '',
      contactMethod: 'phone',
      contactPhone: '',
    },
    worksWithoutJavaScript: true,
  });
  const { form, errorOf } = submission;
  const { register } = form;
  return (
    <RequestFormShell submission={submission} kindName={kindName} noticeId={noticeId}>
      <RequiredChoice
        id="reason"
        label={t('reason')}
        error={errorOf('reason')}
        choices={appointmentReasons}
        names={reasonNames}
        field={register('reason')}
      />
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
    </RequestFormShell>
  );
}
