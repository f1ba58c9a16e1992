import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';

import { SignInForm } from '@/components/forms/sign-in-form';
import { getCurrentSession } from '@/lib/auth/current';
import { env } from '@/lib/env';
import { getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';

import { EmergencyNotice } from './_components/emergency-notice';
import { signInParent } from './login/actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getT('home');
  return { description: t('description') };
}

export default portalPage(async function HomePage() {
  const session = await getCurrentSession();
  if (session) redirect(session.user.kind === 'staff' ? '/staff' : '/dashboard');
  const { PRACTICE_NAME } = env();
  const t = await getT('home');
  return (
    <div className="flex flex-col gap-8">
      {/* The introduction first; then the login box: right after it on a phone, at the bottom left on a desktop. */}
      <section className="flex flex-col gap-4">
        <h1 className="text-2xl font-bold sm:text-3xl">
          {t('title', { practice: PRACTICE_NAME })}
        </h1>
        <p className="max-w-3xl text-lg text-slate-800">{t('intro')}</p>
      </section>
      <div className="grid gap-8 md:grid-cols-[minmax(0,22rem)_1fr] md:items-start">
        <section
          aria-labelledby="login-heading"
          className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
        >
          <h2 id="login-heading" className="mb-4 text-xl font-semibold">
            {t('signIn')}
          </h2>
          <SignInForm action={signInParent} idPrefix="home" />
        </section>
        <section aria-label={t('newToPortal')} className="flex flex-col gap-4">
          <EmergencyNotice />
          <p>
            <Link
              href="/signup"
              className="inline-flex min-h-11 items-center rounded-md bg-green-700 px-4 py-2 font-semibold text-white hover:bg-green-800"
            >
              {t('createAccount')}
            </Link>
          </p>
          <ul className="flex flex-col gap-1">
            <li>
              <Link href="/help/registration" className="inline-block py-2 text-blue-700 underline">
                {t('registrationHelp')}
              </Link>
            </li>
            <li>
              <Link
                href="/help/registration#registration-video-heading"
                className="inline-block py-2 text-blue-700 underline"
              >
                {t('registrationVideo')}
              </Link>
            </li>
            <li>
              <Link href="/faq" className="inline-block py-2 text-blue-700 underline">
                {t('faq')}
              </Link>
            </li>
            <li>
              <Link href="/contact" className="inline-block py-2 text-blue-700 underline">
                {t('contact')}
              </Link>
            </li>
          </ul>
        </section>
      </div>
    </div>
  );
});
