'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

import type { ActionResult } from '@/lib/action-result';

/**
 * For rows of one-click actions (unlock, disable, save roles…): which button is working, and a
 * single status line that says what happened. The page is refreshed after each success.
 */
export function useActionButtons() {
  const router = useRouter();
  const [pending, setPending] = useState<string | null>(null);
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);

  async function run(name: string, call: () => Promise<ActionResult<unknown>>, success: string) {
    setPending(name);
    setMessage(null);
    const result = await call();
    setPending(null);
    if (result.ok) {
      setMessage({ tone: 'ok', text: success });
      router.refresh();
    } else {
      setMessage({
        tone: 'error',
        text: Object.values(result.fieldErrors ?? {})[0] ?? result.formError ?? 'Please try again.',
      });
    }
  }

  const status = message ? (
    <p
      role={message.tone === 'error' ? 'alert' : 'status'}
      className={message.tone === 'error' ? 'font-medium text-red-700' : 'text-green-800'}
    >
      {message.text}
    </p>
  ) : null;

  return { pending, run, status };
}
