import type { Metadata } from 'next';
import Link from 'next/link';
import { env } from '@/lib/env';

export const metadata: Metadata = { title: 'Help: signing up and linking your child' };

export default function RegistrationHelpPage() {
  const { PRACTICE_PHONE, PIN_TTL_DAYS } = env();
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-5">
      <h1 className="text-2xl font-bold">Signing up and linking your child, step by step</h1>
      <ol className="flex list-decimal flex-col gap-4 pl-6">
        <li>
          <strong>Create your own free account.</strong> Go to{' '}
          <Link href="/signup" className="text-blue-700 underline">
            Create a free account
          </Link>{' '}
          and fill in your name, email, a User ID and a password you will remember. The account is for you, the parent or guardian: one account works for all your children.
        </li>
        <li>
          <strong>Confirm your email.</strong> We send you a link. Opening it lets the office reach you when something new is waiting.
        </li>
        <li>
          <strong>Get a PIN for each child.</strong> Call the office at {PRACTICE_PHONE} or ask at the front desk. We check who you are, then give you a letter with a PIN: a one-time code of 10 letters and
          numbers, like K7M4Q-9XR2T. It works for {PIN_TTL_DAYS} days.
        </li>
        <li>
          <strong>Link your child.</strong> Sign in, choose <em>Link a child</em>, and type the PIN and your child’s date of birth. Your child now appears on your home page.
        </li>
      </ol>
      <p>
        Each parent or guardian gets their own PIN and their own account; a PIN cannot be shared. If your PIN has expired or you lost the letter, call the office for a new one.
      </p>
    </div>
  );
}
