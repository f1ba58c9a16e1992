import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { Alert } from '@/components/ui/alert';
import { getDb } from '@/db';
import { getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';
import { shareEndedMessages } from '@/lib/records/share-schemas';
import { inspectSharedLink } from '@/lib/records/shares';
import { currentRequestMeta } from '@/lib/request-context';

import { SharedRecordOpener } from './_components/shared-record-opener';

// The address is the key: never sent on as a referrer, never indexed.
export async function generateMetadata(): Promise<Metadata> {
  return {
    title: (await getT('sharePage'))('sharedMetaTitle'),
    referrer: 'no-referrer',
    robots: { index: false, follow: false },
  };
}

/**
 * What a school nurse, daycare or camp sees from a parent's share link: whether it still opens
 * and, after "Show the record", the printable immunization record and nothing else.
 */
export default portalPage(async function SharedRecordPage({
  params,
}: {
  params: Promise<{ token: string }>;
}) {
  const { token } = await params;
  const link = await inspectSharedLink(await getDb(), await currentRequestMeta(), token);
  if (link.status === 'not_found') notFound();
  if (link.status === 'ended') {
    const t = await getT();
    return (
      <div className="mx-auto flex max-w-xl flex-col gap-4">
        <h1 className="text-2xl font-bold">{t('sharePage.noLongerOpens')}</h1>
        <Alert tone="error">{t(shareEndedMessages[link.reason])}</Alert>
      </div>
    );
  }
  return <SharedRecordOpener token={token} needsCode={link.needsCode} />;
});
