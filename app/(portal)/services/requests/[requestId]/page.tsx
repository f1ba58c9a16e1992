import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { RequestOutcomeRows } from '@/components/requests/request-outcome-rows';
import { Alert } from '@/components/ui/alert';
import { getDb } from '@/db';
import { recordChildView } from '@/lib/audit/views';
import { actorFor } from '@/lib/auth/actors';
import { isUuid, requireParent } from '@/lib/authz';
import { formatDateTime, todayInPractice } from '@/lib/dates';
import { getLocale, getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';
import { currentRequestMeta } from '@/lib/request-context';
import { getGuardianRequest } from '@/lib/requests/parent';

import { fileSizeParts, fileTypeNames } from '../_components/file-size';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getT('requests.index');
  return { title: t('title') };
}

export default portalPage(async function RequestPage({
  params,
  searchParams,
}: {
  params: Promise<{ requestId: string }>;
  searchParams: Promise<{ sent?: string }>;
}) {
  const [{ requestId }, { sent }] = await Promise.all([params, searchParams]);
  const session = await requireParent();
  if (!isUuid(requestId)) notFound();
  const db = await getDb();
  const request = await getGuardianRequest(db, session.user.id, requestId, todayInPractice());
  // Someone else's request, or one about a child this parent no longer sees: the 404 page.
  if (!request) notFound();
  await recordChildView(
    db,
    actorFor(session.user),
    await currentRequestMeta(),
    request.childId,
    'request',
  );
  const [t, locale] = await Promise.all([getT('requests'), getLocale()]);
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-5">
      <p>
        <Link href="/services/requests" className="text-blue-700 underline">
          {t('detail.back')}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">
        {t('detail.title', { kind: t(`kindNames.${request.kind}`), name: request.childFirstName })}
      </h1>
      {sent ? (
        <Alert tone="success" title={t('detail.sentTitle')}>
          {t('detail.sent')}
        </Alert>
      ) : null}
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <dt className="font-medium">{t('detail.status')}</dt>
        <dd data-testid="request-status">{t(`statuses.${request.status}`)}</dd>
        <dt className="font-medium">{t('detail.made')}</dt>
        <dd>{formatDateTime(request.createdAt, locale)}</dd>
        <RequestOutcomeRows
          scheduledFor={request.scheduledFor}
          statusReason={request.statusReason}
          labels={{ scheduledFor: t('detail.scheduledFor'), reason: t('detail.reason') }}
          locale={locale}
        />
      </dl>
      <p>
        <Link href="/help/requests#statuses" className="text-blue-700 underline">
          {t('help.statuses')}
        </Link>
      </p>
      <section aria-labelledby="files-heading" className="flex flex-col gap-2">
        <h2 id="files-heading" className="text-lg font-semibold">
          {t('detail.files')}
        </h2>
        {request.files.length === 0 ? (
          <p>{t('detail.noFiles')}</p>
        ) : (
          <ul className="flex flex-col gap-2">
            {request.files.map((file) => {
              const { unit, size } = fileSizeParts(file.byteSize);
              return (
                <li key={file.id} className="flex flex-col">
                  <span>{t(`files.${file.purpose}`)}</span>
                  <a
                    href={`/services/requests/${request.id}/files/${file.id}`}
                    download
                    className="inline-flex min-h-11 items-center font-medium text-blue-700 underline"
                  >
                    {t('files.download', {
                      type: fileTypeNames[file.mediaType] ?? file.mediaType,
                      size: t(`sizes.${unit}`, { size }),
                    })}
                  </a>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <p>
        <Link
          href={`/inbox/${request.conversationId}`}
          className="inline-flex min-h-11 items-center font-medium text-blue-700 underline"
        >
          {t('detail.openThread')}
        </Link>
      </p>
    </div>
  );
});
