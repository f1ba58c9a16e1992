import { env, InvalidEnvironmentError } from '@/lib/env';
import { startMailRetryTimer } from '@/lib/mail/retry-timer';

/** Checks the configuration before the first request, and starts the mail retry timer. */
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
  startMailRetryTimer();
}
