'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

import { Button } from '@/components/ui/button';

import { signOutEverywhere } from '../actions';

export function SignOutEverywhereButton() {
  const t = useTranslations('accountForms');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-col items-start gap-2">
      <Button
        variant="danger"
        pending={pending}
        pendingLabel={t('signingOut')}
        onClick={async () => {
          setPending(true);
          const result = await signOutEverywhere({});
          setPending(false);
          if (result && !result.ok) setError(result.formError ?? t('tryAgain'));
        }}
      >
        {t('signOutEverywhere')}
      </Button>
      {error ? (
        <p role="alert" className="text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
