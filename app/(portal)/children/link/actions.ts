'use server';

import { defineSelfAuditedAction } from '@/lib/action';
import { linkChildSchema } from '@/lib/children/schemas';
import { todayInPractice } from '@/lib/dates';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { linkChildWithPin } from '@/lib/guardianship/link';

export const linkChild = defineSelfAuditedAction(
  {
    name: 'guardianship.link',
    schema: linkChildSchema,
    access: { kind: 'parent' },
    auditRefusedInput: 'guardianship.link_failed',
  },
  async ({ input, db, session, meta }) => {
    const now = new Date();
    const result = await linkChildWithPin(db, session.user, input, meta, now, todayInPractice(now));
    const { PRACTICE_PHONE, PIN_TTL_DAYS } = env();
    if (!result.ok) {
      if (result.reason === 'already_linked')
        throw new AppError(
          'conflict',
          'This child is already linked to your account. You can find them on your home page.',
        );
      if (result.reason === 'paused')
        throw new AppError(
          'rate_limited',
          `Linking is paused for an hour after 5 unsuccessful tries, to protect children’s information. Please try again later, or call the office at ${PRACTICE_PHONE}.`,
        );
      throw new AppError(
        'invalid',
        `The PIN and date of birth do not match an active PIN. PINs work once and expire ${PIN_TTL_DAYS} days after they are issued. Check both and try again, or call the office at ${PRACTICE_PHONE} for a new PIN.`,
      );
    }
    return { data: result, redirectTo: `/dashboard?linked=${result.childId}` };
  },
);
