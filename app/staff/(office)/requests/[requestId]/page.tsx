import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { RequestOutcomeRows } from '@/components/requests/request-outcome-rows';
import { getDb } from '@/db';
import { recordChildView } from '@/lib/audit/views';
import { actorFor } from '@/lib/auth/actors';
import { isUuid, requireStaff } from '@/lib/authz';
import { formatDate, formatDateTime } from '@/lib/dates';
import { getLocale, getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';
import { currentRequestMeta } from '@/lib/request-context';
import { getStaffRequest } from '@/lib/requests/staff';
import { isOpenStatus, outcomesByKind } from '@/lib/requests/vocabulary';

import {
  AssignToMeButton,
  AttachFileForm,
  RequestNoteForm,
  RequestStatusForm,
} from './_components/request-controls';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT('staffRequests'))('title') };
}

/** Detail fields whose values are codes, and the `requests` catalog group that words them. */
const codedFields = {
  reason: 'reasons',
  contactMethod: 'contactMethods',
  formType: 'formTypes',
  scope: 'recordsScopes',
} as const;
const shownFields = [
  'reason',
  'availability',
  'contactMethod',
  'contactPhone',
  'medicationNames',
  'pharmacyName',
  'pharmacyPhone',
  'pharmacyAddress',
  'formType',
  'neededBy',
  'scope',
  'periodFrom',
  'periodTo',
  'note',
] as const;

export default portalPage(async function StaffRequestPage({
  params,
}: {
  params: Promise<{ requestId: string }>;
}) {
  const { requestId } = await params;
  const session = await requireStaff('front_desk', 'clinical', 'admin');
  if (!isUuid(requestId)) notFound();
  const db = await getDb();
  const request = await getStaffRequest(db, session.user.roles, requestId);
  // A request in a queue this person does not work does not exist for them.
  if (!request) notFound();
  await recordChildView(
    db,
    actorFor(session.user),
    await currentRequestMeta(),
    request.childId,
    'staff_request',
  );
  const [t, words, locale] = await Promise.all([
    getT('staffRequests'),
    getT('requests'),
    getLocale(),
  ]);
  const valueOf = (field: (typeof shownFields)[number]): string | null => {
    const value = request.details[field];
    if (value === undefined || value === null || value === '') return null;
    if (Array.isArray(value)) return value.join(', ');
    if (field in codedFields) {
      const group = codedFields[field as keyof typeof codedFields];
      return words(`${group}.${value}` as never);
    }
    if (field === 'neededBy' || field === 'periodFrom' || field === 'periodTo')
      return formatDate(value, locale);
    return value;
  };
  const open = isOpenStatus(request.status);
  const canAttach = open && (request.kind === 'form' || request.kind === 'records');
  return (
    <div className="flex flex-col gap-5">
      <p>
        <Link href="/staff/requests" className="text-blue-700 underline">
          {t('detail.back')}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">
        {t('detail.title', {
          kind: t(`kinds.${request.kind}`),
          name: `${request.childFirstName} ${request.childLastName}`,
        })}
      </h1>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <dt className="font-medium">{t('detail.child')}</dt>
        <dd>
          <Link href={`/staff/patients/${request.childId}`} className="text-blue-700 underline">
            {request.childFirstName} {request.childLastName}
          </Link>{' '}
          · {t('detail.born', { date: formatDate(request.childDateOfBirth, locale) })}
          {request.childMrn ? <> · {t('mrn', { mrn: request.childMrn })}</> : null}
        </dd>
        <dt className="font-medium">{t('detail.guardian')}</dt>
        <dd>
          {request.guardianFirstName} {request.guardianLastName}
        </dd>
        <dt className="font-medium">{t('detail.made')}</dt>
        <dd>{formatDateTime(request.createdAt, locale)}</dd>
        <dt className="font-medium">{t('detail.due')}</dt>
        <dd>{formatDateTime(request.dueAt, locale)}</dd>
        <dt className="font-medium">{t('detail.status')}</dt>
        <dd data-testid="request-status">{t(`statuses.${request.status}`)}</dd>
        <RequestOutcomeRows
          scheduledFor={request.scheduledFor}
          statusReason={request.statusReason}
          labels={{ scheduledFor: t('detail.scheduledFor'), reason: t('detail.reason') }}
          locale={locale}
        />
        <dt className="font-medium">{t('detail.assignee')}</dt>
        <dd className="flex flex-wrap items-center gap-2">
          {request.assigneeFirstName
            ? `${request.assigneeFirstName} ${request.assigneeLastName}`
            : t('detail.nobody')}
          {request.assignedTo !== session.user.id ? (
            <AssignToMeButton requestId={request.id} />
          ) : null}
        </dd>
      </dl>
      <section
        aria-labelledby="details-heading"
        className="rounded-lg border border-slate-200 bg-white p-4"
      >
        <h2 id="details-heading" className="text-lg font-semibold">
          {t('detail.details')}
        </h2>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          {shownFields.map((field) => {
            const value = valueOf(field);
            return value ? (
              <div key={field} className="contents">
                <dt className="font-medium">{t(`fields.${field}`)}</dt>
                <dd className="whitespace-pre-wrap">{value}</dd>
              </div>
            ) : null;
          })}
        </dl>
      </section>
      <section
        aria-labelledby="files-heading"
        className="rounded-lg border border-slate-200 bg-white p-4"
      >
        <h2 id="files-heading" className="text-lg font-semibold">
          {t('detail.files')}
        </h2>
        {request.files.length === 0 ? <p>{t('detail.noFiles')}</p> : null}
        <ul className="flex flex-col gap-1">
          {request.files.map((file) => (
            <li key={file.id}>
              <a
                href={`/staff/requests/${request.id}/files/${file.id}`}
                download
                className="inline-flex min-h-11 items-center text-blue-700 underline"
              >
                {words(`files.${file.purpose}`)}
              </a>
            </li>
          ))}
        </ul>
      </section>
      {canAttach ? (
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <AttachFileForm requestId={request.id} />
        </div>
      ) : null}
      {open ? (
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <RequestStatusForm
            requestId={request.id}
            outcomes={outcomesByKind[request.kind].map((id) => ({
              id,
              label: t(`statuses.${id}`),
            }))}
          />
        </div>
      ) : null}
      <section aria-labelledby="thread-heading" className="flex flex-col gap-2">
        <h2 id="thread-heading" className="text-lg font-semibold">
          {t('detail.thread')}
        </h2>
        <ol className="flex flex-col gap-2">
          {request.thread.map((message) => (
            <li
              key={message.id}
              className={`rounded-lg border p-3 ${message.kind === 'note' ? 'border-amber-500 bg-amber-50' : 'border-slate-200 bg-white'}`}
            >
              <p className="text-sm text-slate-700">
                {message.kind === 'note'
                  ? t('detail.note')
                  : message.authorKind === 'parent'
                    ? t('detail.fromParent')
                    : t('detail.fromOffice')}{' '}
                · {message.authorFirstName} {message.authorLastName} ·{' '}
                {formatDateTime(message.createdAt, locale)}
              </p>
              <p className="whitespace-pre-wrap">{message.body}</p>
            </li>
          ))}
        </ol>
        <p>
          <Link
            href={`/staff/messages/${request.conversationId}`}
            className="text-blue-700 underline"
          >
            {t('detail.conversation')}
          </Link>
        </p>
      </section>
      <div className="rounded-lg border border-slate-200 bg-white p-4">
        <RequestNoteForm requestId={request.id} />
      </div>
    </div>
  );
});
