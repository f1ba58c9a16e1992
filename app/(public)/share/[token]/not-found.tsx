import { Alert } from '@/components/ui/alert';
import { getT } from '@/lib/i18n/server';
import { shareEndedMessages } from '@/lib/records/share-schemas';

export default async function ShareLinkNotFound() {
  const t = await getT();
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('sharePage.doesNotOpen')}</h1>
      <Alert tone="error">{t(shareEndedMessages.not_found)}</Alert>
    </div>
  );
}
