import { getT } from '@/lib/i18n/server';

/** Shown wherever a parent can write to the office, and on the home page: as prominent in every language. */
export async function EmergencyNotice() {
  const t = await getT('emergency');
  return (
    <div
      role="note"
      aria-label={t('label')}
      className="rounded-md border-l-4 border-red-700 bg-red-50 p-4 text-red-950"
    >
      <p className="font-semibold">{t('title')}</p>
      <p>{t('body')}</p>
    </div>
  );
}
