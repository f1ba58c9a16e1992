import type { Metadata } from 'next';
import Link from 'next/link';

import { Alert } from '@/components/ui/alert';
import { getDb } from '@/db';
import { findPasswordReset } from '@/lib/accounts/password-reset';
import { env } from '@/lib/env';
import { getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';

import { ResetPasswordForm } from '../_components/recovery-forms';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT('recovery'))('resetTitle'), referrer: 'no-referrer' };
}

export default portalPage(async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const { token = '' } = await searchParams;
  const reset =
    token.length >= 20 && token.length <= 200
      ? await findPasswordReset(await getDb(), token)
      : null;
  const t = await getT('recovery');
  const tQuestions = await getT('hintQuestions');
  return (
    <div className="mx-auto flex max-w-md flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('resetTitle')}</h1>
      {reset ? (
        <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <ResetPasswordForm token={token} hintQuestion={tQuestions(reset.hintQuestion)} />
        </div>
      ) : (
        <Alert tone="error" title={t('linkDeadTitle')}>
          <p>
            {t.rich('linkDeadBody', {
              phone: env().PRACTICE_PHONE,
              link: (chunks) => (
                <Link href="/forgot-password" className="text-blue-700 underline">
                  {chunks}
                </Link>
              ),
            })}
          </p>
        </Alert>
      )}
    </div>
  );
});
