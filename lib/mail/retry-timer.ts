import { dispatchPendingMailSoon } from './dispatcher';

/**
 * Mail is normally sent right after the request that queued it; this timer retries what
 * failed. Several instances may run it at once: row locks keep them from sending twice.
 */
export function startMailRetryTimer(intervalMs = 60_000): void {
  const holder = globalThis as typeof globalThis & { __portalMailTimer?: NodeJS.Timeout };
  if (holder.__portalMailTimer) return;
  holder.__portalMailTimer = setInterval(() => void dispatchPendingMailSoon(), intervalMs);
  holder.__portalMailTimer.unref();
}
