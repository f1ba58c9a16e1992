'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { staySignedIn } from '@/app/session/actions';

interface IdleWarningProps {
  /** When the server will end the session if nothing happens (ISO time). */
  idleExpiresAt: string;
  warnBeforeSeconds: number;
  signInPath: string;
}

/**
 * Warns two minutes before the idle sign-out and offers to stay signed in. The server ends the
 * session on its own clock regardless; this only saves the person from losing what they typed.
 */
export function IdleWarning({ idleExpiresAt, warnBeforeSeconds, signInPath }: IdleWarningProps) {
  const router = useRouter();
  // A navigation renders the layout again with a fresh expiry from the server; "Stay signed in"
  // extends it without one. The later of the two wins.
  const [extendedTo, setExtendedTo] = useState(0);
  const expiresAt = Math.max(new Date(idleExpiresAt).getTime(), extendedTo);
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const [pending, setPending] = useState(false);
  const dialogRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const tick = () => {
      const left = Math.round((expiresAt - Date.now()) / 1000);
      if (left <= 0) {
        router.replace(`${signInPath}?notice=idle`);
        return;
      }
      setSecondsLeft(left <= warnBeforeSeconds ? left : null);
    };
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [expiresAt, warnBeforeSeconds, router, signInPath]);

  const visible = secondsLeft !== null;
  useEffect(() => {
    if (visible) dialogRef.current?.focus();
  }, [visible]);

  if (!visible) return null;
  const minutes = Math.floor(secondsLeft / 60);
  const seconds = String(secondsLeft % 60).padStart(2, '0');

  return (
    <div className="fixed inset-0 z-50 flex items-end justify-center bg-slate-900/50 p-4 sm:items-center">
      <div ref={dialogRef} tabIndex={-1} role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-text" className="w-full max-w-sm rounded-lg bg-white p-5 shadow-xl">
        <h2 id="idle-title" className="text-lg font-semibold">
          Are you still there?
        </h2>
        <p id="idle-text" className="mt-2">
          To protect your information, you will be signed out in {minutes}:{seconds}.
        </p>
        <div className="mt-4 flex gap-3">
          <Button
            pending={pending}
            pendingLabel="One moment…"
            onClick={async () => {
              setPending(true);
              const result = await staySignedIn({});
              setPending(false);
              if (result?.ok) setExtendedTo(new Date(result.data.idleExpiresAt).getTime());
              else router.replace(`${signInPath}?notice=idle`);
            }}
          >
            Stay signed in
          </Button>
        </div>
      </div>
    </div>
  );
}
