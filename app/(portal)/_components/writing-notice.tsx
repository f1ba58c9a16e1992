import { env } from '@/lib/env';
import { getLocale, getT } from '@/lib/i18n/server';
import { replyTime } from '@/lib/messaging/categories';

/** Shown wherever a parent can write to the office: not for emergencies, and when to expect an answer. */
export async function WritingNotice({ id = 'writing-notice' }: { id?: string }) {
  const { PRACTICE_PHONE } = env();
  const [t, locale] = await Promise.all([getT('messaging.notice'), getLocale()]);
  return (
    <div
      id={id}
      role="note"
      aria-label={t('label')}
      className="rounded-md border-l-4 border-red-700 bg-red-50 p-4 text-red-950"
    >
      <p className="font-semibold">{t('notForEmergencies')}</p>
      <p>{t('emergency', { phone: PRACTICE_PHONE })}</p>
      <p className="mt-2 text-slate-900">
        {t('replyTimes', {
          clinical: replyTime('clinical', locale),
          general: replyTime('general', locale),
          billing: replyTime('billing', locale),
        })}
      </p>
    </div>
  );
}
