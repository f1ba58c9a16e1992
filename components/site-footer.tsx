import { env } from '@/lib/env';

export function SiteFooter() {
  const { PRACTICE_NAME, PRACTICE_PHONE } = env();
  return (
    <footer className="mt-12 border-t border-slate-200 bg-white">
      <div className="mx-auto max-w-5xl px-4 py-6 text-sm text-slate-700">
        <p>
          {PRACTICE_NAME} · {PRACTICE_PHONE}
        </p>
        <p>Not for emergencies: call 911 or go to the nearest emergency room.</p>
      </div>
    </footer>
  );
}
