'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { ActionForm } from '@/components/forms/action-form';
import { SubmitButton } from '@/components/forms/fields';
import { useActionButtons } from '@/components/forms/use-action-buttons';
import { useActionForm } from '@/components/forms/use-action-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { LetterWording } from '@/lib/i18n/letters';
import type { Locale } from '@/lib/i18n/locales';
import { temporaryPasswordSchema } from '@/lib/staff/help-desk-schemas';
import { resetTwoStepSchema } from '@/lib/two-step/schemas';

import {
  disableParentAccount,
  enableParentAccount,
  resendParentVerification,
  resetTwoStepVerification,
  sendTemporaryPassword,
  unlockParentAccount,
} from '../accounts/actions';
import { CallerVerificationFieldset } from './caller-verification-fieldset';
import { LetterLanguage, letterTranslator } from './letter-language';
import { TemporaryPasswordLetter } from './temporary-password-letter';

interface Practice {
  practiceName: string;
  practicePhone: string;
  portalUrl: string;
}

export function TemporaryPasswordForm({
  accountId,
  practice,
  letterWording,
}: {
  accountId: string;
  practice: Practice;
  letterWording: Record<Locale, LetterWording>;
}) {
  const t = useTranslations('staffForms.helpDesk');
  const router = useRouter();
  const [letter, setLetter] = useState<{
    guardianName: string;
    userId: string;
    temporaryPassword: string;
    issuedOn: string;
    expiresOn: string;
    /** The parent's saved language: the letter's first choice. */
    locale: Locale;
  } | null>(null);
  const submission = useActionForm({
    schema: temporaryPasswordSchema,
    action: sendTemporaryPassword,
    defaultValues: {
      accountId,
      confirmedDateOfBirth: false,
      confirmedAddressOrPhone: false,
      otherVerification: '',
    },
    onSuccess: (data) => {
      setLetter(data);
      router.refresh();
    },
  });
  const { form, errorOf } = submission;
  if (letter) {
    return (
      <div className="flex flex-col gap-4">
        <div className="print:hidden">
          <Alert tone="success" title={t('temporarySent')}>
            {t('temporarySentBody')}
          </Alert>
          <div className="mt-3 flex gap-3">
            <Button onClick={() => window.print()}>{t('printLetter')}</Button>
            <Button variant="secondary" onClick={() => setLetter(null)}>
              {t('done')}
            </Button>
          </div>
        </div>
        <div className="rounded-lg border border-slate-300 print:border-0">
          <LetterLanguage initial={letter.locale}>
            {(locale) => (
              <TemporaryPasswordLetter
                letter={{ ...practice, ...letter }}
                t={letterTranslator(locale, letterWording)}
                locale={locale}
              />
            )}
          </LetterLanguage>
        </div>
      </div>
    );
  }
  return (
    <ActionForm form={submission} className="flex flex-col gap-3" aria-label={t('sendTemporary')}>
      <CallerVerificationFieldset
        idPrefix="tp"
        register={(name) => form.register(name)}
        otherError={errorOf('otherVerification')}
      />
      <SubmitButton pending={form.formState.isSubmitting} pendingLabel={t('sending')}>
        {t('sendTemporary')}
      </SubmitButton>
    </ActionForm>
  );
}

export function AccountStateControls({
  accountId,
  locked,
  disabled,
  emailVerified,
}: {
  accountId: string;
  locked: boolean;
  disabled: boolean;
  emailVerified: boolean;
}) {
  const t = useTranslations('staffForms.helpDesk');
  const { pending, run, status } = useActionButtons();
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        {locked ? (
          <Button
            variant="secondary"
            pending={pending === 'unlock'}
            onClick={() => run('unlock', () => unlockParentAccount({ accountId }), t('unlocked'))}
          >
            {t('unlock')}
          </Button>
        ) : null}
        {!emailVerified ? (
          <Button
            variant="secondary"
            pending={pending === 'verify'}
            onClick={() =>
              run('verify', () => resendParentVerification({ accountId }), t('verificationResent'))
            }
          >
            {t('resendVerification')}
          </Button>
        ) : null}
        {disabled ? (
          <Button
            variant="secondary"
            pending={pending === 'enable'}
            onClick={() => run('enable', () => enableParentAccount({ accountId }), t('enabled'))}
          >
            {t('enable')}
          </Button>
        ) : (
          <Button
            variant="danger"
            pending={pending === 'disable'}
            onClick={() => run('disable', () => disableParentAccount({ accountId }), t('disabled'))}
          >
            {t('disable')}
          </Button>
        )}
      </div>
      {status}
    </div>
  );
}

/** Administrators only: for someone who lost their phone and their recovery codes. */
/**
 * Resetting turns two-step verification off, so after the page refreshes the form itself is no
 * longer offered: the confirmation lives here, above it, where the refresh cannot take it away.
 */
export function TwoStepResetPanel({
  accountId,
  personKind,
  enabled,
  collapsed = false,
}: {
  accountId: string;
  personKind: 'parent' | 'staff';
  enabled: boolean;
  collapsed?: boolean;
}) {
  const t = useTranslations('staffForms.helpDesk');
  const [done, setDone] = useState(false);
  const form = (
    <ResetTwoStepForm accountId={accountId} personKind={personKind} onReset={() => setDone(true)} />
  );
  return (
    <div className="flex flex-col gap-3">
      {done ? <Alert tone="success">{t('twoStepResetDone', { kind: personKind })}</Alert> : null}
      {!enabled ? (
        done || collapsed ? null : (
          <p className="text-slate-700">{t('twoStepOff')}</p>
        )
      ) : collapsed ? (
        <details>
          <summary className="cursor-pointer py-2 font-medium text-blue-700">
            {t('resetTwoStepLostPhone')}
          </summary>
          <div className="mt-2">{form}</div>
        </details>
      ) : (
        form
      )}
    </div>
  );
}

function ResetTwoStepForm({
  accountId,
  personKind,
  onReset,
}: {
  accountId: string;
  personKind: 'parent' | 'staff';
  onReset: () => void;
}) {
  const t = useTranslations('staffForms.helpDesk');
  const router = useRouter();
  const submission = useActionForm({
    schema: resetTwoStepSchema,
    action: resetTwoStepVerification,
    defaultValues: {
      accountId,
      confirmedDateOfBirth: false,
      confirmedAddressOrPhone: false,
      otherVerification: '',
    },
    onSuccess: () => {
      onReset();
      form.reset();
      router.refresh();
    },
  });
  const { form, errorOf } = submission;
  return (
    <ActionForm form={submission} className="flex flex-col gap-3" aria-label={t('resetTwoStep')}>
      <CallerVerificationFieldset
        idPrefix={`ts-${accountId.slice(0, 8)}`}
        register={(name) => form.register(name)}
        otherError={errorOf('otherVerification')}
        otherHint={personKind === 'staff' ? t('staffVerificationHint') : undefined}
      />
      <SubmitButton
        variant="danger"
        pending={form.formState.isSubmitting}
        pendingLabel={t('resetting')}
      >
        {t('resetTwoStep')}
      </SubmitButton>
    </ActionForm>
  );
}
