import type { Metadata } from 'next';
import Link from 'next/link';

import { env } from '@/lib/env';

import { RegistrationVideo } from './_components/registration-video';

export const metadata: Metadata = {
  title: 'Help: signing up and linking your child',
  description: 'Step by step, with pictures: from the PIN letter to your child on your home page.',
};

// The pictures are taken from the real pages by tests/e2e/help-screenshots.spec.ts (npm run docs:screenshots).
const steps = (phone: string, pinDays: number) => [
  {
    id: 'get-a-pin',
    title: 'Get a PIN from the office',
    text: `Call the office at ${phone} or ask at the front desk. After checking who you are, we give you a letter with a PIN: 10 letters and numbers, like K7M4Q-9XR2T. It works once, only for you, for ${pinDays} days. You can create your account before you have it.`,
    image: 'step-1-pin-letter',
    alt: 'A PIN letter from the office, with the PIN in a box and the steps to follow.',
  },
  {
    id: 'create-account',
    title: 'Create your own free account',
    text: 'Go to “Create a free account” and fill in your name, email, a User ID and a password you will remember, and a hint question in case you forget it. The account is for you, the parent or guardian. Then choose “Create account”.',
    image: 'step-2-create-account',
    alt: 'The "Create a free account" form, filled in, with the password strength showing "Strong".',
    link: { href: '/signup', label: 'Create a free account' },
  },
  {
    id: 'welcome',
    title: 'You are signed in: the portal asks for your PIN',
    text: 'Your account is ready and you are already signed in. The welcome page explains the PIN and shows the “Link a child” form. We also email you a link to confirm your address: open it when you can. No PIN yet? Choose “I don’t have a PIN yet”, or “Skip for now” and link your child later from your home page.',
    image: 'step-3-welcome',
    wideImage: 'step-3-welcome-wide',
    alt: 'The welcome page after creating an account: what a PIN is, the "Link a child" form, and the "I don\'t have a PIN yet" link.',
  },
  {
    id: 'link-child',
    title: 'Type the PIN and your child’s date of birth',
    text: 'Capital letters, spaces and the dash do not matter. Choose your relationship to the child, then “Link child”.',
    image: 'step-4-link-child',
    alt: 'The "Link a child" form with the PIN, date of birth and relationship filled in.',
  },
  {
    id: 'child-on-home-page',
    title: 'Your child appears on your home page',
    text: 'Choose your child’s name to see their information.',
    image: 'step-5-child-on-home-page',
    alt: 'The home page showing the child, with a message that the child is now linked.',
  },
  {
    id: 'sign-in',
    title: 'Next time, just sign in',
    text: 'Type your User ID (or email) and password, then choose “Sign in”.',
    image: 'step-6-sign-in',
    alt: 'The sign-in page with the User ID and password filled in.',
    link: { href: '/login', label: 'Sign in' },
  },
];

export default function RegistrationHelpPage() {
  const { PRACTICE_PHONE, PIN_TTL_DAYS } = env();
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-6">
      <h1 className="text-2xl font-bold">Signing up and linking your child, step by step</h1>
      <RegistrationVideo />
      <ol className="flex flex-col gap-8">
        {steps(PRACTICE_PHONE, PIN_TTL_DAYS).map((step, index) => (
          <li key={step.id} id={step.id} className="flex scroll-mt-4 flex-col gap-3">
            <h2 className="text-lg font-semibold">
              {index + 1}. {step.title}
            </h2>
            <p>{step.text}</p>
            {step.link ? (
              <p>
                <Link href={step.link.href} className="text-blue-700 underline">
                  {step.link.label}
                </Link>
              </p>
            ) : null}
            <picture>
              {step.wideImage ? (
                <source media="(min-width: 1024px)" srcSet={`/help-images/${step.wideImage}.png`} />
              ) : null}
              <img
                src={`/help-images/${step.image}.png`}
                alt={step.alt}
                className={`max-w-full rounded-lg border border-slate-300 shadow-sm ${step.wideImage ? '' : 'sm:max-w-sm'}`}
                loading="lazy"
              />
            </picture>
          </li>
        ))}
      </ol>
      <section
        aria-labelledby="another-child"
        className="rounded-lg border border-slate-200 bg-white p-5"
      >
        <h2 id="another-child" className="mb-2 text-lg font-semibold">
          I already have an account: add another child
        </h2>
        <p>
          You don’t need a second account. Ask the office for a PIN for the other child, sign in,
          choose “Link a child” and type the new PIN with that child’s date of birth. Each parent or
          guardian gets their own PIN and uses their own account.
        </p>
      </section>
      <p>
        Stuck? Call the office at {PRACTICE_PHONE}, or read the{' '}
        <Link href="/faq" className="text-blue-700 underline">
          questions and answers
        </Link>
        .
      </p>
    </div>
  );
}
