'use server';

import { signInSchema } from '@/lib/accounts/schemas';
import { defineSelfAuditedAction } from '@/lib/action';
import { completeSignIn } from '@/lib/auth/complete-sign-in';

export const signInParent = defineSelfAuditedAction(
  { name: 'auth.signInParent', schema: signInSchema, access: { kind: 'anyone' } },
  async ({ input, db, meta, session }) =>
    completeSignIn(db, { ...input, kind: 'parent' }, meta, '/dashboard', session),
);
