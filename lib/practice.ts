import 'server-only';

import { env } from '@/lib/env';

/** What the page frame shows of the practice: nothing here is secret. */
export interface PracticeDetails {
  name: string;
  phone: string;
  hours: string;
}

export function practiceDetails(): PracticeDetails {
  const { PRACTICE_NAME, PRACTICE_PHONE, PRACTICE_HOURS } = env();
  return { name: PRACTICE_NAME, phone: PRACTICE_PHONE, hours: PRACTICE_HOURS };
}
