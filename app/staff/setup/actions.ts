'use server';

import { defineSelfAuditedAction } from '@/lib/action';
import { signIn } from '@/lib/auth/next-auth';
import { AppError } from '@/lib/errors';
import { staffSetupSchema } from '@/lib/staff/schemas';
import { completeStaffSetup } from '@/lib/staff/setup-links';

/** The welcome email's link: the new member's own password, then straight on to two-step set-up. */
export const completeStaffAccountSetup = defineSelfAuditedAction(
  {
    name: 'staff.completeSetup',
    schema: staffSetupSchema,
    access: { kind: 'anyone' },
    rateLimit: { bucket: 'staff-setup', limit: 30, windowSeconds: 900, per: 'ip' },
  },
  async ({ input, db, meta }) => {
    const outcome = await completeStaffSetup(db, input, meta);
    if (!outcome.ok) {
      if (outcome.reason === 'weak_password')
        throw new AppError('invalid', 'errors.chooseAnotherPassword', {
          fieldErrors: { newPassword: outcome.message },
        });
      throw new AppError('invalid', 'errors.setupLinkExpired');
    }
    await signIn('portal-session', { sessionToken: outcome.sessionToken, redirect: false });
    return {
      data: null,
      redirectTo: outcome.awaitingSecondFactor ? '/staff/login/verify' : '/staff/two-step',
    };
  },
);
