import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';

import { SignInForm } from '@/components/forms/sign-in-form';
import { getCurrentSession } from '@/lib/auth/current';
import { env } from '@/lib/env';
import { portalPage } from '@/lib/page';

import { EmergencyNotice } from './_components/emergency-notice';
import { signInParent } from './login/actions';

export const metadata: Metadata = {
  description:
    'Sign in to see your children’s health information and send secure messages to the office. Free for parents and guardians.',
};

export default portalPage(async function HomePage() {
  const session = await getCurrentSession();
  if (session) redirect(session.user.kind === 'staff' ? '/staff' : '/dashboard');
  const { PRACTICE_NAME } = env();
  return (
    <div className="flex flex-col gap-8">
      {/* The introduction first; then the login box: right after it on a phone, at the bottom left on a desktop. */}
      <section className="flex flex-col gap-4">
        <h1 className="text-2xl font-bold sm:text-3xl">
          Welcome to the {PRACTICE_NAME} patient portal
        </h1>
        <p className="max-w-3xl text-lg text-slate-800">
          The patient portal is a secure website where parents and guardians can see parts of their
          children’s health records and send messages to our office, any time of day. It is free,
          and one account works for all of your children.
        </p>
      </section>
      <div className="grid gap-8 md:grid-cols-[minmax(0,22rem)_1fr] md:items-start">
        <section
          aria-labelledby="login-heading"
          className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
        >
          <h2 id="login-heading" className="mb-4 text-xl font-semibold">
            Sign in
          </h2>
          <SignInForm action={signInParent} idPrefix="home" />
        </section>
        <section aria-label="New to the portal" className="flex flex-col gap-4">
          <EmergencyNotice />
          <p>
            <Link
              href="/signup"
              className="inline-flex min-h-11 items-center rounded-md bg-green-700 px-4 py-2 font-semibold text-white hover:bg-green-800"
            >
              Create a free account
            </Link>
          </p>
          <ul className="flex flex-col gap-1">
            <li>
              <Link href="/help/registration" className="inline-block py-2 text-blue-700 underline">
                How to sign up and link your child, step by step
              </Link>
            </li>
            <li>
              <Link href="/faq" className="inline-block py-2 text-blue-700 underline">
                Questions and answers
              </Link>
            </li>
            <li>
              <Link href="/contact" className="inline-block py-2 text-blue-700 underline">
                Contact the office
              </Link>
            </li>
          </ul>
        </section>
      </div>
    </div>
  );
});
