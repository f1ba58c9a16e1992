import { env } from '@/lib/env';
import { getT } from '@/lib/i18n/server';

/** Before every request form: 911 first, then "sick today? call us" — a request is not for today. */
export async function RequestNotice({ id }: { id: string }) {
  const t = await getT('requests.notice');
  return (
    <div id={id} className="flex flex-col gap-2">
      <p
        role="note"
        className="rounded-md border-l-4 border-red-700 bg-red-50 p-4 text-lg font-bold text-red-900"
      >
        {t('emergency')}
      </p>
      <p className="rounded-md border-l-4 border-amber-600 bg-amber-50 p-4 text-amber-950">
        {t('today', { phone: env().PRACTICE_PHONE })}
      </p>
    </div>
  );
}
