'use server';

import { eq } from 'drizzle-orm';
import { z } from 'zod';

import { users } from '@/db/schema';
import { changeEmailSchema, changeHintSchema, changePasswordSchema } from '@/lib/accounts/schemas';
import { changeHint, changePassword, requestEmailChange } from '@/lib/accounts/settings';
import { defineAction } from '@/lib/action';
import { signOut } from '@/lib/auth/next-auth';
import { endAllSessionsOfUser } from '@/lib/auth/sessions';

const parents = { kind: 'parent' } as const;
// Current-password checks are bcrypt work: a limit keeps them from being used to guess.
const passwordChecks = {
  bucket: 'account-password-checks',
  limit: 10,
  windowSeconds: 900,
  per: 'user',
} as const;

export const setMessageEmails = defineAction(
  {
    name: 'account.setMessageEmails',
    schema: z.object({ messageEmails: z.boolean() }),
    access: parents,
    audit: 'account.preferences_changed',
  },
  async ({ input, tx, session, describeAudit }) => {
    await tx
      .update(users)
      .set({ messageEmails: input.messageEmails })
      .where(eq(users.id, session.user.id));
    describeAudit({
      targetType: 'user',
      targetId: session.user.id,
      metadata: { changedFields: ['messageEmails'], messageEmails: input.messageEmails },
    });
    return { data: { messageEmails: input.messageEmails } };
  },
);

export const changeMyPassword = defineAction(
  {
    name: 'account.changePassword',
    schema: changePasswordSchema,
    access: parents,
    audit: 'account.password_changed',
    rateLimit: passwordChecks,
  },
  async ({ input, tx, session, sendMail, describeAudit }) => {
    const { sessionsEnded, mail } = await changePassword(
      tx,
      session.user.id,
      session.sessionId,
      input,
    );
    await sendMail(mail);
    describeAudit({
      targetType: 'user',
      targetId: session.user.id,
      metadata: { changedFields: ['password'], otherSessionsEnded: sessionsEnded },
    });
    return { data: { sessionsEnded } };
  },
);

export const changeMyEmail = defineAction(
  {
    name: 'account.changeEmail',
    schema: changeEmailSchema,
    access: parents,
    audit: 'account.email_change_requested',
    rateLimit: passwordChecks,
  },
  async ({ input, tx, session, sendMail, describeAudit }) => {
    for (const mail of await requestEmailChange(tx, session.user.id, input)) await sendMail(mail);
    describeAudit({ targetType: 'user', targetId: session.user.id });
    return { data: null };
  },
);

export const changeMyHint = defineAction(
  {
    name: 'account.changeHint',
    schema: changeHintSchema,
    access: parents,
    audit: 'account.hint_changed',
    rateLimit: passwordChecks,
  },
  async ({ input, tx, session, describeAudit }) => {
    await changeHint(tx, session.user.id, input);
    describeAudit({
      targetType: 'user',
      targetId: session.user.id,
      metadata: { changedFields: ['hintQuestion', 'hintAnswer'] },
    });
    return { data: null };
  },
);

export const signOutEverywhere = defineAction(
  {
    name: 'account.signOutEverywhere',
    schema: z.object({}),
    access: parents,
    audit: 'auth.signed_out_everywhere',
  },
  async ({ tx, session, describeAudit }) => {
    const sessionsEnded = await endAllSessionsOfUser(tx, session.user.id, 'signed_out');
    await signOut({ redirect: false });
    describeAudit({ targetType: 'user', targetId: session.user.id, metadata: { sessionsEnded } });
    return { data: null, redirectTo: '/login?notice=signed-out' };
  },
);
