'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { ActionForm } from '@/components/forms/action-form';
import { useActionForm } from '@/components/forms/use-action-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import type { EnrolmentStart } from '@/lib/two-step/enrolment';
import { confirmEnrolmentSchema } from '@/lib/two-step/schemas';

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
  const router = useRouter();
  const [enrolment, setEnrolment] = useState<EnrolmentStart | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);
  const submission = useActionForm({
    schema: confirmEnrolmentSchema,
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
    } else
      setStartError(
        result?.formError ?? 'We could not reach the portal. Check your connection and try again.',
      );
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
        <p>
          You need a free authenticator app on your phone, such as Google Authenticator, Microsoft
          Authenticator or the one built into your phone’s password settings.
        </p>
        <Button onClick={start} pending={starting} pendingLabel="Preparing…" className="self-start">
          Set up two-step verification
        </Button>
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-5">
      <ol className="flex list-decimal flex-col gap-4 pl-5">
        <li>
          <p>In your authenticator app, add an account and scan this QR code.</p>
          {/* The SVG is made on our server from our own otpauth address (lib/two-step/enrolment.ts). */}
          <div
            className="mt-3 w-52 rounded-md border border-slate-300 bg-white p-1 [&>svg]:h-auto [&>svg]:w-full"
            role="img"
            aria-label="QR code for your authenticator app"
            dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }}
          />
          <details className="mt-3">
            <summary className="cursor-pointer py-2 font-medium text-blue-700">
              Can’t scan it? Type this key instead
            </summary>
            <p className="mt-2">
              Key:{' '}
              <code
                className="rounded bg-slate-100 px-2 py-1 font-mono text-lg"
                data-totp-secret={enrolment.secret}
              >
                {groupsOfFour(enrolment.secret)}
              </code>
            </p>
            <p className="mt-1 text-sm text-slate-700">Choose “time-based” if the app asks.</p>
          </details>
        </li>
        <li>
          <p>Type the 6-digit code the app now shows for this portal.</p>
          <ActionForm
            form={submission}
            className="mt-3 flex flex-col gap-4"
            aria-label="Confirm two-step verification"
          >
            <TextField
              id="enrol-code"
              label="Verification code"
              required
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={7}
              error={errorOf('code')}
              {...form.register('code')}
            />
            <div className="flex flex-wrap gap-3">
              <Button type="submit" pending={form.formState.isSubmitting} pendingLabel="Checking…">
                Turn on two-step verification
              </Button>
              <Button variant="secondary" onClick={start} pending={starting}>
                Start again with a new QR code
              </Button>
            </div>
          </ActionForm>
        </li>
      </ol>
    </div>
  );
}
