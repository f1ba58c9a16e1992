import type { Metadata } from 'next';
import { env } from '@/lib/env';

export const metadata: Metadata = { title: 'I forgot my password' };

export default function ForgotPasswordPage() {
  const { PRACTICE_PHONE, PRACTICE_HOURS } = env();
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4">
      <h1 className="text-2xl font-bold">I forgot my password</h1>
      <p>
        Please call the office at{' '}
        <a className="text-blue-700 underline" href={`tel:${PRACTICE_PHONE.replace(/[^0-9+]/g, '')}`}>
          {PRACTICE_PHONE}
        </a>{' '}
        ({PRACTICE_HOURS}). After checking who you are, the staff can help you get back into your account.
      </p>
    </div>
  );
}
