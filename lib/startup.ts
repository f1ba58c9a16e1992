import 'server-only';

import { startAuditSealer } from '@/lib/audit/seal';
import { env, InvalidEnvironmentError } from '@/lib/env';
import { startHousekeeping } from '@/lib/housekeeping';

/**
 * Checks the configuration before the first request, and starts the timers: the audit chain's
 * sealer (every quarter second) and housekeeping (mail retries, old counters).
 */
export function startServer(): void {
  let phase: string | undefined;
  try {
    phase = env().NEXT_PHASE;
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  // `next build` may load this too; it has no database to seal.
  if (phase !== 'phase-production-build') startAuditSealer();
  startHousekeeping();
}
