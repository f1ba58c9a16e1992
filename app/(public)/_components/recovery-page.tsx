import type { ReactNode } from 'react';

import { Alert } from '@/components/ui/alert';
import { env } from '@/lib/env';
import { getT } from '@/lib/i18n/server';

/**
 * "Forgot your password?" and "Forgot your User ID?": a title, a line of help and the form, then
 * after sending the same answer whether or not the account exists, with the office's phone for
 * someone whose email never arrives.
 */
export async function RecoveryPage({
  title,
  intro,
  sent,
  sentText,
  children,
}: {
  title: string;
  intro: string;
  sent: boolean;
  sentText: string;
  children: ReactNode;
}) {
  const { PRACTICE_PHONE } = env();
  const t = await getT('recovery');
  return (
    <div className="mx-auto flex max-w-md flex-col gap-4">
      <h1 className="text-2xl font-bold">{title}</h1>
      {sent ? (
        <Alert tone="info" title={t('checkEmail')}>
          <p>{sentText}</p>
          <p className="mt-2">{t('noEmail', { phone: PRACTICE_PHONE })}</p>
        </Alert>
      ) : (
        <>
          <p>{intro}</p>
          <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            {children}
          </div>
        </>
      )}
    </div>
  );
}
