'use client';

import { useState } from 'react';

import { Button } from '@/components/ui/button';

import { sendNewVerificationLink } from '../actions';

export function ResendVerificationButton() {
  const [state, setState] = useState<{ pending: boolean; message: string | null }>({
    pending: false,
    message: null,
  });
  return (
    <div className="flex flex-col items-start gap-2">
      <Button
        variant="secondary"
        pending={state.pending}
        pendingLabel="Sending…"
        onClick={async () => {
          setState({ pending: true, message: null });
          const result = await sendNewVerificationLink({});
          setState({
            pending: false,
            message: result.ok
              ? 'We sent a new link. Please check your inbox and spam folder.'
              : (result.formError ?? 'Please try again.'),
          });
        }}
      >
        Send a new link
      </Button>
      {state.message ? <p role="status">{state.message}</p> : null}
    </div>
  );
}
