import type { Metadata } from 'next';
import Link from 'next/link';

import { SignUpForm } from './_components/sign-up-form';

export const metadata: Metadata = { title: 'Create a free account' };

export default function SignUpPage() {
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold">Create a free account</h1>
        <p className="mt-2 text-slate-700">
          This account is for you, the parent or guardian. Once it is ready, you can link each of
          your children with the PIN the office gives you. One account works for all your children.
        </p>
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <SignUpForm />
      </div>
      <p>
        Already have an account?{' '}
        <Link href="/login" className="font-medium text-blue-700 underline">
          Sign in
        </Link>
      </p>
    </div>
  );
}
