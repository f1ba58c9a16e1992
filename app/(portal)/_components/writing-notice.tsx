import { env } from '@/lib/env';
import { replyTime } from '@/lib/messaging/categories';

/** Shown wherever a parent can write to the office: not for emergencies, and when to expect an answer. */
export function WritingNotice({ id = 'writing-notice' }: { id?: string }) {
  const { PRACTICE_PHONE } = env();
  return (
    <div
      id={id}
      role="note"
      aria-label="Before you write"
      className="rounded-md border-l-4 border-red-700 bg-red-50 p-4 text-red-950"
    >
      <p className="font-semibold">Secure messages are not for emergencies.</p>
      <p>
        In an emergency, call 911 or go to the nearest emergency room. If your child is sick today,
        call the office at {PRACTICE_PHONE}.
      </p>
      <p className="mt-2 text-slate-900">
        We answer clinical questions within {replyTime('clinical')}, general office questions within{' '}
        {replyTime('general')} and billing questions within {replyTime('billing')}.
      </p>
    </div>
  );
}
