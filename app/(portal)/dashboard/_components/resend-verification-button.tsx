'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

import { Button } from '@/components/ui/button';

import { sendNewVerificationLink } from '../actions';

export function ResendVerificationButton() {
  const t = useTranslations('resendVerification');
  const [state, setState] = useState<{ pending: boolean; message: string | null }>({
    pending: false,
    message: null,
  });
  return (
    <div className="flex flex-col items-start gap-2">
      <Button
        variant="secondary"
        pending={state.pending}
        pendingLabel={t('sending')}
        onClick={async () => {
          setState({ pending: true, message: null });
          const result = await sendNewVerificationLink({});
          setState({
            pending: false,
            message: result.ok ? t('sent') : (result.formError ?? t('tryAgain')),
          });
        }}
      >
        {t('send')}
      </Button>
      {state.message ? <p role="status">{state.message}</p> : null}
    </div>
  );
}
