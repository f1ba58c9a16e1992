'use server';

import { defineAction } from '@/lib/action';
import { reportSignInProblem } from '@/lib/help-desk/problems';
import { newTemporaryPasswordSchema, signInProblemSchema } from '@/lib/help-desk/schemas';
import { requestTemporaryPassword } from '@/lib/help-desk/temporary-password';
import { getLocale } from '@/lib/i18n/server';

export const sendNewTemporaryPassword = defineAction(
  {
    name: 'helpDesk.newTemporaryPassword',
    schema: newTemporaryPasswordSchema,
    access: { kind: 'anyone' },
    audit: 'help_desk.temporary_password_requested',
    rateLimit: { bucket: 'help-desk-passwords', limit: 10, windowSeconds: 900, per: 'ip' },
  },
  async ({ input, tx, sendMail, describeAudit }) => {
    const { accountId, outcome, mail } = await requestTemporaryPassword(tx, input.identifier);
    if (mail) await sendMail(mail);
    describeAudit({
      targetType: accountId ? 'user' : null,
      targetId: accountId,
      metadata: { outcome },
    });
    // The same answer whatever happened: it must not tell a stranger which names are real.
    return { data: null, redirectTo: '/help-desk?sent=password' };
  },
);

export const reportProblemSigningIn = defineAction(
  {
    name: 'helpDesk.reportProblem',
    schema: signInProblemSchema,
    access: { kind: 'anyone' },
    audit: 'help_desk.problem_reported',
    rateLimit: { bucket: 'help-desk-problems', limit: 5, windowSeconds: 3600, per: 'ip' },
  },
  async ({ input, tx, sendMail, describeAudit }) => {
    const { problemId, mail } = await reportSignInProblem(tx, input, await getLocale());
    if (mail) await sendMail(mail);
    describeAudit({
      targetType: 'sign_in_problem',
      targetId: problemId,
      metadata: { acknowledged: Boolean(mail) },
    });
    return { data: null, redirectTo: '/help-desk?sent=problem' };
  },
);
