'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { ActionForm } from '@/components/forms/action-form';
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
          <Alert tone="success" title="Temporary password sent">
            It was emailed to the address on the account. If the parent is here, print the letter;
            it is shown only now.
          </Alert>
          <div className="mt-3 flex gap-3">
            <Button onClick={() => window.print()}>Print the letter</Button>
            <Button variant="secondary" onClick={() => setLetter(null)}>
              Done
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
    <ActionForm
      form={submission}
      className="flex flex-col gap-3"
      aria-label="Send a temporary password"
    >
      <CallerVerificationFieldset
        idPrefix="tp"
        register={(name) => form.register(name)}
        otherError={errorOf('otherVerification')}
      />
      <Button
        type="submit"
        pending={form.formState.isSubmitting}
        pendingLabel="Sending…"
        className="self-start"
      >
        Send a temporary password
      </Button>
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
  const { pending, run, status } = useActionButtons();
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        {locked ? (
          <Button
            variant="secondary"
            pending={pending === 'unlock'}
            onClick={() =>
              run('unlock', () => unlockParentAccount({ accountId }), 'The account is unlocked.')
            }
          >
            Unlock account
          </Button>
        ) : null}
        {!emailVerified ? (
          <Button
            variant="secondary"
            pending={pending === 'verify'}
            onClick={() =>
              run(
                'verify',
                () => resendParentVerification({ accountId }),
                'A new confirmation link was emailed.',
              )
            }
          >
            Resend email confirmation
          </Button>
        ) : null}
        {disabled ? (
          <Button
            variant="secondary"
            pending={pending === 'enable'}
            onClick={() =>
              run('enable', () => enableParentAccount({ accountId }), 'The account is enabled.')
            }
          >
            Enable account
          </Button>
        ) : (
          <Button
            variant="danger"
            pending={pending === 'disable'}
            onClick={() =>
              run(
                'disable',
                () => disableParentAccount({ accountId }),
                'The account is disabled and signed out everywhere.',
              )
            }
          >
            Disable account
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
  const [done, setDone] = useState(false);
  const form = (
    <ResetTwoStepForm accountId={accountId} personKind={personKind} onReset={() => setDone(true)} />
  );
  return (
    <div className="flex flex-col gap-3">
      {done ? (
        <Alert tone="success">
          Two-step verification is reset and the account is signed out everywhere.{' '}
          {personKind === 'staff'
            ? 'They will set it up again at their next sign-in.'
            : 'They can sign in with their password and set it up again.'}
        </Alert>
      ) : null}
      {!enabled ? (
        done || collapsed ? null : (
          <p className="text-slate-700">Two-step verification is not on for this account.</p>
        )
      ) : collapsed ? (
        <details>
          <summary className="cursor-pointer py-2 font-medium text-blue-700">
            Reset two-step verification (lost phone)
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
    <ActionForm
      form={submission}
      className="flex flex-col gap-3"
      aria-label="Reset two-step verification"
    >
      <CallerVerificationFieldset
        idPrefix={`ts-${accountId.slice(0, 8)}`}
        register={(name) => form.register(name)}
        otherError={errorOf('otherVerification')}
        otherHint={
          personKind === 'staff'
            ? 'For a staff member, for example: “seen in person with staff badge”.'
            : undefined
        }
      />
      <Button
        type="submit"
        variant="danger"
        pending={form.formState.isSubmitting}
        pendingLabel="Resetting…"
        className="self-start"
      >
        Reset two-step verification
      </Button>
    </ActionForm>
  );
}
