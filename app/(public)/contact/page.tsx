import type { Metadata } from 'next';

import { env } from '@/lib/env';

import { EmergencyNotice } from '../_components/emergency-notice';

export const metadata: Metadata = {
  title: 'Contact the office',
  description: 'Phone number, hours, address and after-hours advice for the office.',
};

export default function ContactPage() {
  const { PRACTICE_NAME, PRACTICE_PHONE, PRACTICE_HOURS, PRACTICE_ADDRESS, PRACTICE_AFTER_HOURS } =
    env();
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-5">
      <h1 className="text-2xl font-bold">Contact {PRACTICE_NAME}</h1>
      <EmergencyNotice />
      <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-white p-5">
        <dt className="font-medium text-slate-700">Phone</dt>
        <dd>
          <a
            href={`tel:${PRACTICE_PHONE.replace(/[^0-9+]/g, '')}`}
            className="inline-block min-h-11 py-2 text-lg font-semibold text-blue-700 underline"
          >
            {PRACTICE_PHONE}
          </a>
        </dd>
        <dt className="font-medium text-slate-700">Hours</dt>
        <dd>{PRACTICE_HOURS}</dd>
        <dt className="font-medium text-slate-700">Address</dt>
        <dd>{PRACTICE_ADDRESS}</dd>
      </dl>
      <section aria-labelledby="after-hours-heading">
        <h2 id="after-hours-heading" className="text-lg font-semibold">
          After hours
        </h2>
        <p>{PRACTICE_AFTER_HOURS}</p>
      </section>
      <p className="text-slate-700">
        For questions that can wait a day or two, sign in and use Patient Services → Send a secure
        message.
      </p>
    </div>
  );
}
