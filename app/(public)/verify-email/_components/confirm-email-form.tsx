'use client';

import { useTranslations } from 'next-intl';
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
  const t = useTranslations('auth');
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
      <Alert tone="success" title={t('emailConfirmed')}>
        <Link href="/dashboard" className="text-blue-700 underline">
          {t('goToPortal')}
        </Link>
      </Alert>
    );
  }
  if (verified === false) {
    return (
      <Alert tone="error" title={t('confirmLinkExpired')}>
        {t('confirmLinkExpiredBody')}
      </Alert>
    );
  }
  return (
    <ActionForm form={submission} requiredNote={false} className="flex flex-col gap-4">
      <input type="hidden" {...form.register('token')} />
      <Button type="submit" pending={form.formState.isSubmitting} pendingLabel={t('confirming')}>
        {t('confirmEmail')}
      </Button>
    </ActionForm>
  );
}
