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
import { getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';

export const metadata: Metadata = { title: 'Audit event' };

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
  const fields: [string, string][] = [
    ['When', `${formatDateTime(event.occurredAt)} (${event.occurredAt.toISOString()})`],
    ['What', describeAuditEvent(await getT('auditWords'), event.action, event.metadata)],
    ['Action code', event.action],
    ['Outcome', event.outcome],
    [
      'Who',
      detail.actorName ? `${detail.actorName} (${detail.actorUserId})` : (event.actorId ?? '—'),
    ],
    ['Actor kind and role', `${event.actorKind}${event.actorRole ? ` · ${event.actorRole}` : ''}`],
    [
      'Child',
      detail.childName
        ? `${detail.childName}${detail.childMrn ? ` (${detail.childMrn})` : ''}`
        : (event.childId ?? '—'),
    ],
    ['Target', event.targetType ? `${event.targetType} ${event.targetId ?? ''}` : '—'],
    ['Address and device', `${event.ipAddress ?? 'unknown'} · ${event.userAgent ?? 'unknown'}`],
    ['Request', event.requestId ?? '—'],
    ['Transaction', String(event.txid)],
    ['Chain position', String(event.chainSeq)],
    ['Previous hash', event.prevHash ?? '—'],
    ['Hash', event.hash ?? '—'],
  ];
  return (
    <div className="flex flex-col gap-5">
      <p>
        <Link href="/staff/audit" className="text-blue-700 underline">
          ← Audit trail
        </Link>
      </p>
      <h1 className="text-2xl font-bold">Audit event {event.id}</h1>
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
          Metadata
        </h2>
        <pre className="overflow-x-auto rounded-md border border-slate-200 bg-white p-3 text-sm">
          {JSON.stringify(event.metadata, null, 2)}
        </pre>
      </section>
      <section aria-labelledby="changes-heading" className="flex flex-col gap-2">
        <h2 id="changes-heading" className="text-lg font-semibold">
          Rows changed in the same transaction
        </h2>
        {detail.rowChanges.length === 0 ? <p>None: this event changed no stored data.</p> : null}
        <ul className="flex flex-col divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {detail.rowChanges.map((change) => (
            <li key={change.id} className="p-3 text-sm">
              <strong>{change.operation}</strong> {change.tableName}{' '}
              <span className="font-mono">{change.rowId}</span> · columns:{' '}
              {change.changedColumns.join(', ')}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
});
