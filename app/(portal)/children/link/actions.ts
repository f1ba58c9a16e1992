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
        throw new AppError('conflict', 'errors.alreadyLinked');
      if (result.reason === 'paused')
        throw new AppError('rate_limited', 'errors.linkingPaused', {
          values: { phone: PRACTICE_PHONE },
        });
      throw new AppError('invalid', 'errors.pinMismatch', {
        values: { days: PIN_TTL_DAYS, phone: PRACTICE_PHONE },
      });
    }
    return { data: result, redirectTo: `/dashboard?linked=${result.childId}` };
  },
);
