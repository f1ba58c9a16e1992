import 'server-only';

import { getDb } from '@/db';
import { pruneSignInThrottles } from '@/lib/auth/throttle';
import { describeError, log } from '@/lib/log';
import { dispatchPendingMailSoon } from '@/lib/mail/dispatcher';
import { pruneRateLimitCounters } from '@/lib/rate-limit';

async function housekeeping(): Promise<void> {
  await dispatchPendingMailSoon();
  try {
    const db = await getDb();
    await pruneRateLimitCounters(db);
    await pruneSignInThrottles(db);
  } catch (error) {
    log('warn', 'rate_limit_prune_failed', describeError(error));
  }
}

/**
 * Mail is normally sent right after the request that queued it; this timer retries what
 * failed and clears old rate-limit counters. Several instances may run it at once: row locks
 * keep them from sending twice, and pruning twice is harmless.
 */
export function startHousekeeping(intervalMs = 60_000): void {
  const holder = globalThis as typeof globalThis & { __portalHousekeeping?: NodeJS.Timeout };
  if (holder.__portalHousekeeping) return;
  holder.__portalHousekeeping = setInterval(() => void housekeeping(), intervalMs);
  holder.__portalHousekeeping.unref();
}
