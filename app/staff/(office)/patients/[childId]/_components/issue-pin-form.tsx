'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { ActionForm } from '@/components/forms/action-form';
import { SubmitButton } from '@/components/forms/fields';
import { useActionForm } from '@/components/forms/use-action-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { issuePinSchema } from '@/lib/children/schemas';
import type { LetterWording } from '@/lib/i18n/letters';
import type { Locale } from '@/lib/i18n/locales';
import type { IssuedPin } from '@/lib/pins/issue';

import { CallerVerificationFieldset } from '../../../_components/caller-verification-fieldset';
import { LetterLanguage, letterTranslator } from '../../../_components/letter-language';
import { issueGuardianPin } from '../../actions';
import { PinLetter } from './pin-letter';

interface Practice {
  practiceName: string;
  practicePhone: string;
  portalUrl: string;
}

export function IssuePinForm({
  childId,
  practice,
  letterWording,
}: {
  childId: string;
  practice: Practice;
  letterWording: Record<Locale, LetterWording>;
}) {
  const t = useTranslations('staffForms.issuePin');
  const router = useRouter();
  const [issued, setIssued] = useState<IssuedPin | null>(null);
  const submission = useActionForm({
    schema: issuePinSchema,
    action: issueGuardianPin,
    defaultValues: {
      childId,
      confirmedDateOfBirth: false,
      confirmedAddressOrPhone: false,
      otherVerification: '',
      guardianName: '',
      relationship: '',
    },
    onSuccess: (data) => {
      setIssued(data);
      router.refresh();
    },
  });
  const { form, errorOf } = submission;

  if (issued) {
    return (
      <div className="flex flex-col gap-4">
        <div className="print:hidden">
          <Alert tone="success" title={t('issued')}>
            <p>
              {t('giveNow', { name: issued.guardianName })}
              {issued.cancelledOlderPins > 0 ? ` ${t('olderCancelled')}` : ''}
            </p>
            <p
              className="mt-2 font-mono text-2xl font-bold tracking-widest"
              aria-label={t('pinSpelled', { pin: issued.pin.split('').join(' ') })}
            >
              {issued.pin}
            </p>
          </Alert>
          <div className="mt-3 flex flex-wrap gap-3">
            <Button onClick={() => window.print()}>{t('print')}</Button>
            <Button
              variant="secondary"
              onClick={() => {
                setIssued(null);
                form.reset();
              }}
            >
              {t('done')}
            </Button>
          </div>
        </div>
        <div className="rounded-lg border border-slate-300 print:border-0">
          {/* The guardian may have no account yet, so no saved language: English first. */}
          <LetterLanguage initial="en">
            {(locale) => (
              <PinLetter
                letter={{
                  ...practice,
                  issuedOn: issued.issuedOn,
                  guardianName: issued.guardianName,
                  childFirstName: issued.childFirstName,
                  childDateOfBirth: issued.childDateOfBirth,
                  pin: issued.pin,
                  expiresOn: issued.expiresOn,
                }}
                t={letterTranslator(locale, letterWording)}
                locale={locale}
              />
            )}
          </LetterLanguage>
        </div>
      </div>
    );
  }

  const { register, formState } = form;
  return (
    <ActionForm form={submission} className="flex flex-col gap-4" aria-label={t('label')}>
      <CallerVerificationFieldset
        idPrefix="pin"
        register={(name) => register(name)}
        otherError={errorOf('otherVerification')}
        otherHint={t('otherHint')}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          id="pin-guardianName"
          label={t('guardianName')}
          required
          error={errorOf('guardianName')}
          {...register('guardianName')}
        />
        <TextField
          id="pin-relationship"
          label={t('relationship')}
          required
          hint={t('relationshipHint')}
          error={errorOf('relationship')}
          {...register('relationship')}
        />
      </div>
      <SubmitButton pending={formState.isSubmitting} pendingLabel={t('issuing')}>
        {t('submit')}
      </SubmitButton>
    </ActionForm>
  );
}
