'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { useFormStatus } from 'react-dom';

import { Button } from '@/components/ui/button';

import { signOutNow } from '../actions';

function SubmitSignOut() {
  const { pending } = useFormStatus();
  const t = useTranslations('session');
  return (
    <Button type="submit" variant="secondary" pending={pending} pendingLabel={t('signingOut')}>
      {t('signOut')}
    </Button>
  );
}

/**
 * The server action itself is the form's action, so signing out works before the page's
 * JavaScript has run (React posts it), and never by GET.
 */
export function SignOutButton() {
  const [, formAction] = useActionState(
    // A server action built by defineAction also takes (previous answer, FormData).
    signOutNow as unknown as (previous: unknown, formData: FormData) => Promise<unknown>,
    null,
  );
  return (
    <form action={formAction}>
      <SubmitSignOut />
    </form>
  );
}
