import 'server-only';

import { env, InvalidEnvironmentError } from '@/lib/env';
import { startHousekeeping } from '@/lib/housekeeping';

/** Checks the configuration before the first request, and starts the housekeeping timer (mail retries, old counters). */
export function startServer(): void {
  try {
    env();
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  startHousekeeping();
}
