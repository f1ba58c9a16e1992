'use client';

import Link from 'next/link';
import { useState } from 'react';

import { ActionForm } from '@/components/forms/action-form';
import { useActionForm } from '@/components/forms/use-action-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { emailVerificationSchema } from '@/lib/accounts/schemas';

import { confirmEmailAddress } from '../actions';

/** A button rather than confirming on page load: mail scanners that open links must not use them up. */
export function ConfirmEmailForm({ token }: { token: string }) {
  const [verified, setVerified] = useState<boolean | null>(null);
  const submission = useActionForm({
    schema: emailVerificationSchema,
    action: confirmEmailAddress,
    defaultValues: { token },
    onSuccess: (data) => setVerified(data.verified),
  });
  const { form } = submission;
  if (verified === true) {
    return (
      <Alert tone="success" title="Thank you, your email is confirmed.">
        <Link href="/dashboard" className="text-blue-700 underline">
          Go to your portal
        </Link>
      </Alert>
    );
  }
  if (verified === false) {
    return (
      <Alert tone="error" title="This link has expired or was already used.">
        Sign in and choose “Send a new link” on your home page to get a fresh one.
      </Alert>
    );
  }
  return (
    <ActionForm form={submission} requiredNote={false} className="flex flex-col gap-4">
      <input type="hidden" {...form.register('token')} />
      <Button type="submit" pending={form.formState.isSubmitting} pendingLabel="Confirming…">
        Confirm my email
      </Button>
    </ActionForm>
  );
}
