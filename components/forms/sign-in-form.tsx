'use client';

import { useTranslations } from 'next-intl';
import Link from 'next/link';

import { ActionForm } from '@/components/forms/action-form';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import type { SignInInput } from '@/lib/accounts/schemas';
import type { ActionResult } from '@/lib/action-result';

import { useActionForm } from './use-action-form';

interface SignInFormProps {
  action: (input: SignInInput) => Promise<ActionResult<null>>;
  idPrefix: string;
  /** Parents get the recovery links; staff recover through an administrator. */
  showRecoveryLinks?: boolean;
}

/** The lost temporary-password letter, and any other trouble signing in. */
function HelpDeskLink() {
  const t = useTranslations('helpDeskForms');
  return (
    <Link href="/help-desk" className="inline-block py-2 text-blue-700 underline">
      {t('signInLink')}
    </Link>
  );
}

export function SignInForm({ action, idPrefix, showRecoveryLinks = true }: SignInFormProps) {
  const t = useTranslations('auth');
  const submission = useActionForm({
    schema: () => import('@/lib/accounts/schemas').then((schemas) => schemas.signInSchema),
    action,
    defaultValues: { identifier: '', password: '' },
    worksWithoutJavaScript: true,
  });
  const { form, errorOf } = submission;
  const { register, formState } = form;
  return (
    <ActionForm form={submission} className="flex flex-col gap-4" aria-label={t('signIn')}>
      <TextField
        id={`${idPrefix}-identifier`}
        label={t('identifier')}
        required
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        error={errorOf('identifier')}
        {...register('identifier')}
      />
      <TextField
        id={`${idPrefix}-password`}
        label={t('password')}
        required
        type="password"
        autoComplete="current-password"
        error={errorOf('password')}
        {...register('password')}
      />
      <Button type="submit" pending={formState.isSubmitting} pendingLabel={t('signingIn')}>
        {t('signIn')}
      </Button>
      {showRecoveryLinks ? (
        <div className="flex flex-col text-sm">
          <Link
            href="/forgot-password"
            className="inline-block py-2 font-medium text-blue-700 underline"
          >
            {t('forgotPassword')}
          </Link>
          <Link href="/forgot-user-id" className="inline-block py-2 text-blue-700 underline">
            {t('forgotUserId')}
          </Link>
          <HelpDeskLink />
        </div>
      ) : null}
    </ActionForm>
  );
}
