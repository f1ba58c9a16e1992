'use client';

import { useTranslations } from 'next-intl';
import { usePathname } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';

import { Button } from '@/components/ui/button';

import { signOutNow, staySignedIn } from '../actions';

interface IdleWarningProps {
  /** Seconds until the server ends the session if nothing happens, as of this render. */
  idleSecondsLeft: number;
  idleTimeoutSeconds: number;
  warnBeforeSeconds: number;
}

export function IdleWarning(props: IdleWarningProps) {
  // Layouts survive client-side navigation, so restart the countdown on every page change.
  return <IdleCountdown key={usePathname()} {...props} />;
}

/**
 * Warns two minutes before the idle sign-out and offers to stay signed in; at zero it signs
 * out. The server ends the session on its own clock regardless: this spares the person a
 * surprise, and keeps the screen from showing a child's information to the next passer-by.
 * Durations rather than times are used throughout, so a wrong clock on the device is harmless.
 */
function IdleCountdown({
  idleSecondsLeft,
  idleTimeoutSeconds,
  warnBeforeSeconds,
}: IdleWarningProps) {
  const t = useTranslations('session');
  const tc = useTranslations('common');
  // Every page checks the session, which restarts the server's idle clock (at most a minute
  // late). So on arrival at least a full timeout less one minute is left.
  const [deadline, setDeadline] = useState(
    () => Date.now() + Math.max(idleSecondsLeft, idleTimeoutSeconds - 60) * 1000,
  );
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const [pending, setPending] = useState(false);
  const signingOut = useRef(false);
  const dialogRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const tick = () => {
      const left = Math.round((deadline - Date.now()) / 1000);
      if (left <= 0) {
        if (!signingOut.current) {
          signingOut.current = true;
          void signOutNow({ reason: 'idle' });
        }
        return;
      }
      setSecondsLeft(left <= warnBeforeSeconds ? left : null);
    };
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [deadline, warnBeforeSeconds]);

  const visible = secondsLeft !== null;
  useEffect(() => {
    if (visible) dialogRef.current?.focus();
  }, [visible]);

  if (!visible) return null;
  const minutes = Math.floor(secondsLeft / 60);
  const seconds = String(secondsLeft % 60).padStart(2, '0');

  return (
    <div className="fixed inset-0 z-50 flex items-end justify-center bg-slate-900/50 p-4 sm:items-center">
      <div
        ref={dialogRef}
        tabIndex={-1}
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="idle-title"
        aria-describedby="idle-text"
        className="w-full max-w-sm rounded-lg bg-white p-5 shadow-xl"
      >
        <h2 id="idle-title" className="text-lg font-semibold">
          {t('stillThere')}
        </h2>
        <p id="idle-text" className="mt-2">
          {t('signOutSoon', { time: `${minutes}:${seconds}` })}
        </p>
        <div className="mt-4 flex gap-3">
          <Button
            pending={pending}
            pendingLabel={tc('oneMoment')}
            onClick={async () => {
              setPending(true);
              const result = await staySignedIn({});
              setPending(false);
              if (result?.ok) {
                setSecondsLeft(null);
                setDeadline(Date.now() + result.data.idleSecondsLeft * 1000);
              } else {
                signingOut.current = true;
                void signOutNow({ reason: 'idle' });
              }
            }}
          >
            {t('staySignedIn')}
          </Button>
        </div>
      </div>
    </div>
  );
}
