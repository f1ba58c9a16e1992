import type { Metadata } from 'next';
import Link from 'next/link';

import { Alert } from '@/components/ui/alert';
import { env } from '@/lib/env';
import { getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';

import { NewTemporaryPasswordForm, SignInProblemForm } from './_components/help-desk-forms';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT('helpDesk'))('title') };
}

/** The public Portal Help Desk the FAQ promises: a lost letter, or a problem signing in. */
export default portalPage(async function HelpDeskPage({
  searchParams,
}: {
  searchParams: Promise<{ sent?: string }>;
}) {
  const t = await getT('helpDesk');
  const phone = env().PRACTICE_PHONE;
  const sent = (await searchParams).sent;
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-8">
      <div className="flex flex-col gap-2">
        <h1 className="text-2xl font-bold">{t('title')}</h1>
        <p>{t('intro', { phone })}</p>
      </div>
      {sent === 'password' ? (
        <Alert tone="info" title={t('passwordSentTitle')}>
          <p>{t('passwordSent')}</p>
          <p className="mt-2">{t('noEmail', { phone })}</p>
        </Alert>
      ) : null}
      {sent === 'problem' ? (
        <Alert tone="info" title={t('problemSentTitle')}>
          <p>{t('problemSent')}</p>
        </Alert>
      ) : null}
      <section
        aria-labelledby="new-password-heading"
        className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
      >
        <h2 id="new-password-heading" className="text-xl font-semibold">
          {t('passwordHeading')}
        </h2>
        <p>{t('passwordIntro')}</p>
        <p className="text-sm text-slate-700">{t('passwordWarning')}</p>
        <NewTemporaryPasswordForm />
        <p className="text-sm">
          {t.rich('forgotInstead', {
            link: (chunks) => (
              <Link href="/forgot-password" className="text-blue-700 underline">
                {chunks}
              </Link>
            ),
          })}
        </p>
      </section>
      <section
        aria-labelledby="problem-heading"
        className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
      >
        <h2 id="problem-heading" className="text-xl font-semibold">
          {t('problemHeading')}
        </h2>
        <p>{t('problemIntro')}</p>
        <Alert tone="warning">{t('noHealthDetails')}</Alert>
        <SignInProblemForm />
      </section>
      <p className="font-semibold text-red-800">{t('emergency')}</p>
    </div>
  );
});
