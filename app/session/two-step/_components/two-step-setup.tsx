'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { ActionForm } from '@/components/forms/action-form';
import { useActionForm } from '@/components/forms/use-action-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import type { EnrolmentStart } from '@/lib/two-step/enrolment';

import { confirmTwoStepSetup, startTwoStepSetup } from '../actions';
import { RecoveryCodesList } from './recovery-codes';

function groupsOfFour(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

/**
 * Set-up in three steps on one page: show the QR code (and the secret for typing by hand),
 * take one code to prove the app has it, then show the recovery codes once.
 */
export function TwoStepSetup({
  continueHref,
  continueLabel,
}: {
  continueHref: string;
  continueLabel: string;
}) {
  const t = useTranslations('twoStep');
  const tForms = useTranslations('forms');
  const router = useRouter();
  const [enrolment, setEnrolment] = useState<EnrolmentStart | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);
  const submission = useActionForm({
    schema: () =>
      import('@/lib/two-step/schemas').then((schemas) => schemas.confirmEnrolmentSchema),
    action: confirmTwoStepSetup,
    defaultValues: { code: '' },
    onSuccess: (data) => setCodes(data.recoveryCodes),
  });
  const { form, errorOf } = submission;

  async function start() {
    setStarting(true);
    setStartError(null);
    const result = await startTwoStepSetup({}).catch(() => null);
    setStarting(false);
    if (result?.ok) {
      setEnrolment(result.data);
      form.reset();
    } else setStartError(result?.formError ?? tForms('connectionLost'));
  }

  if (codes) {
    return (
      <RecoveryCodesList
        codes={codes}
        doneLabel={continueLabel}
        onDone={() => {
          router.push(continueHref);
          router.refresh();
        }}
      />
    );
  }

  if (!enrolment) {
    return (
      <div className="flex flex-col gap-3">
        {startError ? <Alert tone="error">{startError}</Alert> : null}
        <p>{t('needApp')}</p>
        <Button
          onClick={start}
          pending={starting}
          pendingLabel={t('preparing')}
          className="self-start"
        >
          {t('setUp')}
        </Button>
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-5">
      <ol className="flex list-decimal flex-col gap-4 pl-5">
        <li>
          <p>{t('scanStep')}</p>
          {/* The SVG is made on our server from our own otpauth address (lib/two-step/enrolment.ts). */}
          <div
            className="mt-3 w-52 rounded-md border border-slate-300 bg-white p-1 [&>svg]:h-auto [&>svg]:w-full"
            role="img"
            aria-label={t('qrLabel')}
            dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }}
          />
          <details className="mt-3">
            <summary className="cursor-pointer py-2 font-medium text-blue-700">
              {t('cantScan')}
            </summary>
            <p className="mt-2">
              {t('key')}{' '}
              <code
                className="rounded bg-slate-100 px-2 py-1 font-mono text-lg"
                data-totp-secret={enrolment.secret}
              >
                {groupsOfFour(enrolment.secret)}
              </code>
            </p>
            <p className="mt-1 text-sm text-slate-700">{t('timeBased')}</p>
          </details>
        </li>
        <li>
          <p>{t('typeCodeStep')}</p>
          <ActionForm
            form={submission}
            className="mt-3 flex flex-col gap-4"
            aria-label={t('confirmForm')}
          >
            <TextField
              id="enrol-code"
              label={t('verificationCode')}
              required
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={7}
              error={errorOf('code')}
              {...form.register('code')}
            />
            <div className="flex flex-wrap gap-3">
              <Button
                type="submit"
                pending={form.formState.isSubmitting}
                pendingLabel={t('checking')}
              >
                {t('turnOn')}
              </Button>
              <Button variant="secondary" onClick={start} pending={starting}>
                {t('startAgain')}
              </Button>
            </div>
          </ActionForm>
        </li>
      </ol>
    </div>
  );
}
