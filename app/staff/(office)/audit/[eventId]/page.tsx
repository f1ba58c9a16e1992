import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { getDb } from '@/db';
import { auditEventDetail } from '@/lib/audit/report';
import { recordAuditTrailAccess } from '@/lib/audit/report-access';
import { defaultAuditFilters } from '@/lib/audit/report-filters';
import { describeAuditEvent } from '@/lib/audit/words';
import { requireStaff } from '@/lib/authz';
import { formatDateTime, todayInPractice } from '@/lib/dates';
import { getLocale, getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getT('staff.auditEvent');
  return { title: t('title') };
}

export default portalPage(async function AuditEventPage({
  params,
}: {
  params: Promise<{ eventId: string }>;
}) {
  const session = await requireStaff('admin');
  const { eventId } = await params;
  const id = Number(eventId);
  if (!/^\d{1,18}$/.test(eventId) || !Number.isSafeInteger(id)) notFound();
  const db = await getDb();
  const detail = await auditEventDetail(db, id);
  if (!detail) notFound();
  await recordAuditTrailAccess(
    db,
    session,
    'audit.viewed',
    defaultAuditFilters(todayInPractice()),
    { eventId: id },
  );
  const { event } = detail;
  const [t, tReport, words, locale] = await Promise.all([
    getT('staff.auditEvent'),
    getT('staff.audit'),
    getT('auditWords'),
    getLocale(),
  ]);
  const fields: [string, string][] = [
    [t('when'), `${formatDateTime(event.occurredAt, locale)} (${event.occurredAt.toISOString()})`],
    [t('what'), describeAuditEvent(words, event.action, event.metadata)],
    [t('actionCode'), event.action],
    [t('outcome'), tReport('outcome', { outcome: event.outcome })],
    [
      t('who'),
      detail.actorName ? `${detail.actorName} (${detail.actorUserId})` : (event.actorId ?? '—'),
    ],
    [
      t('actorKindAndRole'),
      `${tReport('actorKind', { kind: event.actorKind })}${event.actorRole ? ` · ${event.actorRole}` : ''}`,
    ],
    [
      t('child'),
      detail.childName
        ? `${detail.childName}${detail.childMrn ? ` (${detail.childMrn})` : ''}`
        : (event.childId ?? '—'),
    ],
    [t('target'), event.targetType ? `${event.targetType} ${event.targetId ?? ''}` : '—'],
    [
      t('addressAndDevice'),
      `${event.ipAddress ?? t('unknown')} · ${event.userAgent ?? t('unknown')}`,
    ],
    [t('request'), event.requestId ?? '—'],
    [t('transaction'), String(event.txid)],
    [t('chainPosition'), event.chainSeq === null ? t('notSealedYet') : String(event.chainSeq)],
    [t('previousHash'), event.prevHash ?? '—'],
    [t('hash'), event.hash ?? '—'],
  ];
  return (
    <div className="flex flex-col gap-5">
      <p>
        <Link href="/staff/audit" className="text-blue-700 underline">
          {t('back')}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t('heading', { id: event.id })}</h1>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-[auto_1fr]">
        {fields.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-medium text-slate-700">{label}</dt>
            <dd className="break-all">{value}</dd>
          </div>
        ))}
      </dl>
      <section aria-labelledby="metadata-heading" className="flex flex-col gap-2">
        <h2 id="metadata-heading" className="text-lg font-semibold">
          {t('metadata')}
        </h2>
        <pre className="overflow-x-auto rounded-md border border-slate-200 bg-white p-3 text-sm">
          {JSON.stringify(event.metadata, null, 2)}
        </pre>
      </section>
      <section aria-labelledby="changes-heading" className="flex flex-col gap-2">
        <h2 id="changes-heading" className="text-lg font-semibold">
          {t('rowsChanged')}
        </h2>
        {detail.rowChanges.length === 0 ? <p>{t('noRows')}</p> : null}
        <ul className="flex flex-col divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {detail.rowChanges.map((change) => (
            <li key={change.id} className="p-3 text-sm">
              <strong>{change.operation}</strong> {change.tableName}{' '}
              <span className="font-mono">{change.rowId}</span> ·{' '}
              {t('columns', { columns: change.changedColumns.join(', ') })}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
});
