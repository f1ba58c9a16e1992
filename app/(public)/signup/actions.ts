'use server';

import { signUpSchema } from '@/lib/accounts/schemas';
import { createParentAccount } from '@/lib/accounts/sign-up';
import { defineAction } from '@/lib/action';
import { openFirstSession } from '@/lib/auth/first-session';
import { signIn } from '@/lib/auth/next-auth';
import { env } from '@/lib/env';
import { getLocale } from '@/lib/i18n/server';

export const signUp = defineAction(
  {
    name: 'accounts.signUp',
    schema: signUpSchema,
    access: { kind: 'anyone' },
    audit: 'account.created',
    rateLimit: {
      bucket: 'sign-up',
      // Read when the action runs, not when the module loads.
      get limit() {
        return env().SIGNUP_IP_HOURLY_LIMIT;
      },
      windowSeconds: 3600,
      per: 'ip',
    },
  },
  async ({ input, tx, session, actor, meta, describeAudit, sendMail, audit }) => {
    // The new account keeps the language its owner signed up in.
    const outcome = await createParentAccount(tx, input, await getLocale());
    await sendMail(outcome.mail);
    if (!outcome.created) {
      // Nothing is created and nobody is signed in; only the owner of the address learns of the
      // attempt. That this differs from a new account's answer is a choice: see docs/security.md.
      describeAudit({ targetType: 'user', targetId: outcome.existingUserId });
      return {
        data: null,
        redirectTo: '/login?notice=created',
        auditAs: { action: 'account.sign_up_email_taken', outcome: 'denied' },
      };
    }
    describeAudit({ targetType: 'user', targetId: outcome.userId });
    await audit({
      action: 'account.verification_email_sent',
      targetType: 'user',
      targetId: outcome.userId,
    });
    // Signed in at once, so a new parent goes on to link a child without typing it all again.
    const { token } = await openFirstSession(tx, outcome.userId, meta, actor, session);
    return {
      data: null,
      redirectTo: '/welcome',
      // After the commit: next-auth looks the session up before it sets the cookie.
      afterCommit: () => signIn('portal-session', { sessionToken: token, redirect: false }),
    };
  },
);
