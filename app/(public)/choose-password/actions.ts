'use server';

import { eq } from 'drizzle-orm';

import { users } from '@/db/schema';
import { newPasswordProblem } from '@/lib/accounts/password-policy';
import { choosePasswordSchema } from '@/lib/accounts/schemas';
import { endOtherSessions } from '@/lib/accounts/settings';
import { defineAction } from '@/lib/action';
import { hashPassword } from '@/lib/auth/password';
import { AppError } from '@/lib/errors';

/** After signing in with an office-issued temporary password: the parent's own password, before anything else. */
export const chooseOwnPassword = defineAction(
  {
    name: 'account.chooseOwnPassword',
    schema: choosePasswordSchema,
    access: { kind: 'parent' },
    audit: 'account.password_changed',
    allowDuringAccountSetup: true,
  },
  async ({ input, tx, session, describeAudit }) => {
    const user = session.user;
    const [account] = await tx.select().from(users).where(eq(users.id, user.id)).for('update');
    if (!account?.mustChangePassword) throw new AppError('conflict', 'errors.passwordAlreadyOwn');
    const problem = await newPasswordProblem(input.newPassword, account);
    if (problem)
      throw new AppError('invalid', 'errors.chooseAnotherPassword', {
        fieldErrors: { newPassword: problem },
      });
    await tx
      .update(users)
      .set({
        passwordHash: await hashPassword(input.newPassword),
        passwordChangedAt: new Date(),
        mustChangePassword: false,
        temporaryPasswordExpiresAt: null,
      })
      .where(eq(users.id, user.id));
    const sessionsEnded = await endOtherSessions(
      tx,
      user.id,
      session.sessionId,
      'password_changed',
    );
    describeAudit({
      targetType: 'user',
      targetId: user.id,
      metadata: {
        changedFields: ['password'],
        replaced: 'office_temporary',
        otherSessionsEnded: sessionsEnded,
      },
    });
    return { data: null, redirectTo: '/dashboard?notice=password-chosen' };
  },
);
