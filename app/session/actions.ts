'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/action';
import { signOut } from '@/lib/auth/next-auth';
import { endSession, idleTimeoutSecondsFor, touchSession } from '@/lib/auth/sessions';

const noInput = z.object({}).passthrough();

export const signOutNow = defineAction(
  { name: 'auth.signOut', schema: noInput, access: { kind: 'signed-in' }, audit: 'auth.signed_out' },
  async ({ tx, session, describeAudit }) => {
    // access 'signed-in' guarantees a session here.
    const current = session!;
    await endSession(tx, current.sessionId, 'signed_out');
    await signOut({ redirect: false });
    describeAudit({ targetType: 'session', targetId: current.sessionId });
    return { data: null, redirectTo: current.user.kind === 'staff' ? '/staff/login?notice=signed-out' : '/login?notice=signed-out' };
  },
);

/** "Stay signed in" on the idle warning: proves the person is still there. */
export const staySignedIn = defineAction(
  { name: 'auth.staySignedIn', schema: noInput, access: { kind: 'signed-in' }, audit: 'auth.session_extended' },
  async ({ tx, session, describeAudit }) => {
    const current = session!;
    const now = new Date();
    await touchSession(tx, current.sessionId, now);
    describeAudit({ targetType: 'session', targetId: current.sessionId });
    const idleExpiresAt = Math.min(now.getTime() + idleTimeoutSecondsFor(current.user.kind) * 1000, current.absoluteExpiresAt.getTime());
    return { data: { idleExpiresAt: new Date(idleExpiresAt).toISOString() } };
  },
);
