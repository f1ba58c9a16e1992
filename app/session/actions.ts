'use server';

import { z } from 'zod';

import { defineAction } from '@/lib/action';
import { signOut } from '@/lib/auth/next-auth';
import {
  endSession,
  idleExpiryFrom,
  idleTimeoutSecondsFor,
  touchSession,
} from '@/lib/auth/sessions';

const signOutSchema = z.object({
  // "idle" when the page's countdown ran out with nobody there.
  reason: z.enum(['user', 'idle']).default('user'),
});

export const signOutNow = defineAction(
  {
    name: 'auth.signOut',
    schema: signOutSchema,
    access: { kind: 'signed-in' },
    audit: 'auth.signed_out',
    allowDuringAccountSetup: true,
  },
  async ({ input, tx, session, describeAudit }) => {
    await endSession(tx, session.sessionId, input.reason === 'idle' ? 'idle' : 'signed_out');
    await signOut({ redirect: false });
    describeAudit({
      targetType: 'session',
      targetId: session.sessionId,
      metadata: { reason: input.reason },
    });
    const notice = input.reason === 'idle' ? 'idle' : 'signed-out';
    return {
      data: null,
      redirectTo: `${session.user.kind === 'staff' ? '/staff/login' : '/login'}?notice=${notice}`,
    };
  },
);

/** "Stay signed in" on the idle warning: proves the person is still there. */
export const staySignedIn = defineAction(
  {
    name: 'auth.staySignedIn',
    schema: z.object({}),
    access: { kind: 'signed-in' },
    audit: 'auth.session_extended',
    allowDuringAccountSetup: true,
  },
  async ({ tx, session, describeAudit }) => {
    const now = new Date();
    await touchSession(tx, session.sessionId, now);
    describeAudit({ targetType: 'session', targetId: session.sessionId });
    const expiresAt = idleExpiryFrom(
      now,
      idleTimeoutSecondsFor(session.user.kind),
      session.absoluteExpiresAt,
    );
    // A duration, not a time: the browser's clock may not agree with ours.
    return { data: { idleSecondsLeft: Math.floor((expiresAt.getTime() - now.getTime()) / 1000) } };
  },
);
