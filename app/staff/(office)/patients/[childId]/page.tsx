import type { Metadata } from 'next';
import Link from 'next/link';

import { ImmunizationStatusTable } from '@/components/records/immunization-status';
import { Alert } from '@/components/ui/alert';
import { recordChildView } from '@/lib/audit/views';
import { actorFor } from '@/lib/auth/actors';
import { hasAnyRole, requireStaffChild } from '@/lib/authz';
import { describeAge, isMinorOn } from '@/lib/children/age';
import { listGuardianLinks, listOutstandingPins } from '@/lib/children/registry';
import { formatDate, formatDay, todayInPractice } from '@/lib/dates';
import { env } from '@/lib/env';
import { letterWordings } from '@/lib/i18n/letters';
import { getLocale } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';
import { immunizationStatus } from '@/lib/records/immunization-status';
import { readChildRecord, readRefusedImmunizations, type ChildRecord } from '@/lib/records/read';
import { vaccinePickerOptions } from '@/lib/records/vaccine-picker';
import { currentRequestMeta } from '@/lib/request-context';

import { IssuePinForm } from './_components/issue-pin-form';
import { CancelPinButton, RevokeAccessForm } from './_components/pin-and-access-controls';
import { StaffChart } from './_components/staff-chart';

export const metadata: Metadata = { title: 'Patient' };

const stateLabels = {
  active: 'Active',
  revoked: 'Access removed',
  ended_at_majority: 'Ended at majority',
} as const;

export default portalPage(async function PatientPage({
  params,
  searchParams,
}: {
  params: Promise<{ childId: string }>;
  searchParams: Promise<{ notice?: string }>;
}) {
  const { childId } = await params;
  const { session, child, db } = await requireStaffChild(
    childId,
    'staff_summary',
    'front_desk',
    'admin',
    'clinical',
  );
  const today = todayInPractice();
  const [links, outstanding] = await Promise.all([
    listGuardianLinks(db, child.id, today),
    listOutstandingPins(db, child.id),
  ]);
  const canManage = hasAnyRole(session, ['front_desk', 'admin']);
  // The chart is for clinicians and administrators; its view is recorded before it is read.
  const canChart = hasAnyRole(session, ['clinical', 'admin']);
  let record: ChildRecord | null = null;
  let refused: Awaited<ReturnType<typeof readRefusedImmunizations>> = [];
  if (canChart) {
    await recordChildView(
      db,
      actorFor(session.user),
      await currentRequestMeta(),
      child.id,
      'chart',
    );
    record = await readChildRecord(db, { kind: 'clinical_staff' }, child.id);
    refused = await readRefusedImmunizations(db, { kind: 'clinical_staff' }, child.id);
  }
  const minor = isMinorOn(child.dateOfBirth, today);
  const { notice } = await searchParams;
  const { PRACTICE_NAME, PRACTICE_PHONE, PUBLIC_URL } = env();

  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p>
            <Link href="/staff/patients" className="text-blue-700 underline">
              ← Patients
            </Link>
          </p>
          <h1 className="mt-2 text-2xl font-bold">
            {child.lastName}, {child.firstName}
            {child.preferredName ? ` (“${child.preferredName}”)` : ''}
          </h1>
        </div>
        <div className="flex flex-wrap gap-2">
          <Link
            href={`/staff/messages/new?child=${child.id}`}
            className="inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-4 py-2 font-semibold hover:bg-slate-100"
          >
            Write to a parent
          </Link>
          {hasAnyRole(session, ['admin']) ? (
            <Link
              href={`/staff/audit?${new URLSearchParams({ child: child.mrn ?? child.id, from: child.createdAt.toISOString().slice(0, 10), to: today })}`}
              className="inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-4 py-2 font-semibold hover:bg-slate-100"
            >
              Access history
            </Link>
          ) : null}
          {canManage ? (
            <Link
              href={`/staff/patients/${child.id}/edit`}
              className="inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-4 py-2 font-semibold hover:bg-slate-100"
            >
              Edit details
            </Link>
          ) : null}
        </div>
      </div>
      {notice === 'created' ? <Alert tone="success">The child is registered.</Alert> : null}
      {notice === 'updated' ? <Alert tone="success">The changes are saved.</Alert> : null}

      <dl className="grid max-w-lg grid-cols-[auto_1fr] gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <dt className="font-medium text-slate-700">Date of birth</dt>
        <dd>
          {formatDate(child.dateOfBirth)} ({describeAge(child.dateOfBirth, today)})
        </dd>
        <dt className="font-medium text-slate-700">Sex</dt>
        <dd>
          {child.sex === 'female' ? 'Female' : child.sex === 'male' ? 'Male' : 'Not recorded'}
        </dd>
        <dt className="font-medium text-slate-700">Chart number</dt>
        <dd>{child.mrn ?? '—'}</dd>
      </dl>

      {record ? (
        <section aria-labelledby="chart-heading" className="flex flex-col gap-3">
          <h2 id="chart-heading" className="text-xl font-semibold">
            Health record
          </h2>
          <p className="text-slate-700">
            Parents see everything here except confidential entries, unreleased results and
            unreleased visit summaries.{' '}
            <Link
              href={`/staff/patients/${child.id}/growth`}
              className="font-medium text-blue-700 underline"
            >
              Growth charts
            </Link>
          </p>
          <details className="rounded-lg border border-slate-200 bg-white p-4">
            <summary className="cursor-pointer font-semibold">
              Vaccine status against the schedule
            </summary>
            <div className="mt-2">
              <ImmunizationStatusTable
                locale={await getLocale()}
                rows={immunizationStatus({
                  dateOfBirth: child.dateOfBirth,
                  today,
                  doses: record.immunizations,
                  sex: child.sex,
                })}
                audience="staff"
              />
            </div>
          </details>
          <StaffChart
            childId={child.id}
            record={record}
            refusedImmunizations={refused}
            vaccines={vaccinePickerOptions()}
          />
        </section>
      ) : null}

      <section aria-labelledby="guardians-heading" className="flex flex-col gap-3">
        <h2 id="guardians-heading" className="text-xl font-semibold">
          Parents and guardians with portal access
        </h2>
        {links.length === 0 ? <p>No one has linked this child yet.</p> : null}
        <ul className="flex flex-col gap-3">
          {links.map((link) => (
            <li key={link.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <p className="font-semibold">
                {link.guardianFirstName} {link.guardianLastName}{' '}
                <span className="font-normal text-slate-700">({link.guardianUserId})</span> ·{' '}
                {link.relationship}
              </p>
              <p className="text-sm text-slate-700">
                Linked {formatDay(link.linkedAt)}
                {link.pinIssuedAt
                  ? ` with a PIN issued ${formatDay(link.pinIssuedAt)} for ${link.pinIntendedFor}`
                  : ' by the office'}{' '}
                · <strong>{stateLabels[link.state]}</strong>
                {link.state === 'revoked' && link.statusReason
                  ? ` (${link.statusReason}${link.endedAt ? `, ${formatDay(link.endedAt)}` : ''})`
                  : ''}
              </p>
              {canManage && link.state === 'active' ? (
                <div className="mt-3">
                  <RevokeAccessForm
                    guardianshipId={link.id}
                    guardianName={`${link.guardianFirstName} ${link.guardianLastName}`}
                  />
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="pins-heading" className="flex flex-col gap-3">
        <h2 id="pins-heading" className="text-xl font-semibold">
          PINs not yet used
        </h2>
        {outstanding.length === 0 ? <p>None.</p> : null}
        <ul className="flex flex-col gap-3">
          {outstanding.map((pin) => (
            <li
              key={pin.id}
              className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-200 bg-white p-4"
            >
              <p>
                For <strong>{pin.intendedGuardianName}</strong> ({pin.intendedRelationship}), issued{' '}
                {formatDay(pin.issuedAt)} by {pin.issuedByFirstName} {pin.issuedByLastName} ·{' '}
                {pin.expired ? <strong>expired</strong> : `expires ${formatDay(pin.expiresAt)}`}
              </p>
              {canManage ? (
                <CancelPinButton pinId={pin.id} guardianName={pin.intendedGuardianName} />
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      {canManage ? (
        <section
          aria-labelledby="issue-heading"
          className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
        >
          <h2 id="issue-heading" className="mb-2 text-xl font-semibold">
            Issue a PIN
          </h2>
          {minor ? (
            <>
              <p className="mb-4 text-slate-700">
                For one parent or guardian who called or came in. Verify who they are first.
              </p>
              <IssuePinForm
                childId={child.id}
                letterWording={letterWordings()}
                practice={{
                  practiceName: PRACTICE_NAME,
                  practicePhone: PRACTICE_PHONE,
                  portalUrl: PUBLIC_URL,
                }}
              />
            </>
          ) : (
            <p>
              This patient is {env().AGE_OF_MAJORITY} or older: parents and guardians can no longer
              be linked.
            </p>
          )}
        </section>
      ) : null}
    </div>
  );
});
