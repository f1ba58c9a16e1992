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
import type { Locale } from '@/lib/i18n/locales';
import { getLocale, getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';
import { immunizationStatus } from '@/lib/records/immunization-status';
import { readChildRecord, readRefusedImmunizations, type ChildRecord } from '@/lib/records/read';
import { vaccinePickerOptions } from '@/lib/records/vaccine-picker';
import { currentRequestMeta } from '@/lib/request-context';

import { IssuePinForm } from './_components/issue-pin-form';
import { CancelPinButton, RevokeAccessForm } from './_components/pin-and-access-controls';
import { StaffChart } from './_components/staff-chart';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getT('staff.patient');
  return { title: t('title') };
}

type StaffChild = Awaited<ReturnType<typeof requireStaffChild>>['child'];
type GuardianLink = Awaited<ReturnType<typeof listGuardianLinks>>[number];
type OutstandingPin = Awaited<ReturnType<typeof listOutstandingPins>>[number];
type Translator = Awaited<ReturnType<typeof getT<'staff.patient'>>>;

const linkButton =
  'inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-4 py-2 font-semibold hover:bg-slate-100';

/** The chart is for clinicians and administrators; its view is recorded before it is read. */
async function readChartFor(
  session: Awaited<ReturnType<typeof requireStaffChild>>['session'],
  db: Awaited<ReturnType<typeof requireStaffChild>>['db'],
  childId: string,
) {
  if (!hasAnyRole(session, ['clinical', 'admin'])) return null;
  await recordChildView(db, actorFor(session.user), await currentRequestMeta(), childId, 'chart');
  const record = await readChildRecord(db, { kind: 'clinical_staff' }, childId);
  const refused = await readRefusedImmunizations(db, { kind: 'clinical_staff' }, childId);
  return { record, refused };
}

function PatientHeader({
  child,
  today,
  isAdmin,
  canManage,
  t,
}: {
  child: StaffChild;
  today: string;
  isAdmin: boolean;
  canManage: boolean;
  t: Translator;
}) {
  const history = new URLSearchParams({
    child: child.mrn ?? child.id,
    from: child.createdAt.toISOString().slice(0, 10),
    to: today,
  });
  return (
    <div className="flex flex-wrap items-start justify-between gap-3">
      <div>
        <p>
          <Link href="/staff/patients" className="text-blue-700 underline">
            {t('back')}
          </Link>
        </p>
        <h1 className="mt-2 text-2xl font-bold">
          {child.preferredName
            ? t('nameWithPreferred', {
                last: child.lastName,
                first: child.firstName,
                preferred: child.preferredName,
              })
            : t('name', { last: child.lastName, first: child.firstName })}
        </h1>
      </div>
      <div className="flex flex-wrap gap-2">
        <Link href={`/staff/messages/new?child=${child.id}`} className={linkButton}>
          {t('writeToParent')}
        </Link>
        {isAdmin ? (
          <Link href={`/staff/audit?${history}`} className={linkButton}>
            {t('accessHistory')}
          </Link>
        ) : null}
        {canManage ? (
          <Link href={`/staff/patients/${child.id}/edit`} className={linkButton}>
            {t('editDetails')}
          </Link>
        ) : null}
      </div>
    </div>
  );
}

function PatientDetails({
  child,
  today,
  locale,
  t,
}: {
  child: StaffChild;
  today: string;
  locale: Locale;
  t: Translator;
}) {
  return (
    <dl className="grid max-w-lg grid-cols-[auto_1fr] gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-4">
      <dt className="font-medium text-slate-700">{t('dateOfBirth')}</dt>
      <dd>
        {t('dateOfBirthAndAge', {
          date: formatDate(child.dateOfBirth, locale),
          age: describeAge(child.dateOfBirth, today, locale),
        })}
      </dd>
      <dt className="font-medium text-slate-700">{t('sex')}</dt>
      <dd>{t('sexValue', { sex: child.sex ?? 'none' })}</dd>
      <dt className="font-medium text-slate-700">{t('mrn')}</dt>
      <dd>{child.mrn ?? '—'}</dd>
    </dl>
  );
}

function HealthRecordSection({
  child,
  today,
  record,
  refused,
  locale,
  t,
}: {
  child: StaffChild;
  today: string;
  locale: Locale;
  record: ChildRecord;
  refused: Awaited<ReturnType<typeof readRefusedImmunizations>>;
  t: Translator;
}) {
  return (
    <section aria-labelledby="chart-heading" className="flex flex-col gap-3">
      <h2 id="chart-heading" className="text-xl font-semibold">
        {t('healthRecord')}
      </h2>
      <p className="text-slate-700">
        {t('parentsSee')}{' '}
        <Link
          href={`/staff/patients/${child.id}/growth`}
          className="font-medium text-blue-700 underline"
        >
          {t('growthCharts')}
        </Link>
      </p>
      <details className="rounded-lg border border-slate-200 bg-white p-4">
        <summary className="cursor-pointer font-semibold">{t('vaccineStatus')}</summary>
        <div className="mt-2">
          <ImmunizationStatusTable
            rows={immunizationStatus({
              dateOfBirth: child.dateOfBirth,
              today,
              doses: record.immunizations,
              sex: child.sex,
            })}
            audience="staff"
            locale={locale}
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
  );
}

function GuardianLinkItem({
  link,
  canManage,
  locale,
  t,
}: {
  link: GuardianLink;
  canManage: boolean;
  locale: Locale;
  t: Translator;
}) {
  const guardianName = `${link.guardianFirstName} ${link.guardianLastName}`;
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4">
      <p className="font-semibold">
        {guardianName} <span className="font-normal text-slate-700">({link.guardianUserId})</span> ·{' '}
        {link.relationship}
      </p>
      <p className="text-sm text-slate-700">
        {link.pinIssuedAt
          ? t('linkedWithPin', {
              linked: formatDay(link.linkedAt, locale),
              issued: formatDay(link.pinIssuedAt, locale),
              intendedFor: link.pinIntendedFor ?? '',
            })
          : t('linkedByOffice', { linked: formatDay(link.linkedAt, locale) })}{' '}
        · <strong>{t('linkState', { state: link.state })}</strong>
        {link.state === 'revoked' && link.statusReason
          ? ` (${link.statusReason}${link.endedAt ? `, ${formatDay(link.endedAt, locale)}` : ''})`
          : ''}
      </p>
      {canManage && link.state === 'active' ? (
        <div className="mt-3">
          <RevokeAccessForm guardianshipId={link.id} guardianName={guardianName} />
        </div>
      ) : null}
    </li>
  );
}

function GuardiansSection({
  links,
  canManage,
  locale,
  t,
}: {
  links: GuardianLink[];
  canManage: boolean;
  locale: Locale;
  t: Translator;
}) {
  return (
    <section aria-labelledby="guardians-heading" className="flex flex-col gap-3">
      <h2 id="guardians-heading" className="text-xl font-semibold">
        {t('guardians')}
      </h2>
      {links.length === 0 ? <p>{t('noGuardians')}</p> : null}
      <ul className="flex flex-col gap-3">
        {links.map((link) => (
          <GuardianLinkItem key={link.id} link={link} canManage={canManage} locale={locale} t={t} />
        ))}
      </ul>
    </section>
  );
}

function OutstandingPinsSection({
  pins,
  canManage,
  locale,
  t,
}: {
  pins: OutstandingPin[];
  canManage: boolean;
  locale: Locale;
  t: Translator;
}) {
  return (
    <section aria-labelledby="pins-heading" className="flex flex-col gap-3">
      <h2 id="pins-heading" className="text-xl font-semibold">
        {t('outstandingPins')}
      </h2>
      {pins.length === 0 ? <p>{t('noPins')}</p> : null}
      <ul className="flex flex-col gap-3">
        {pins.map((pin) => (
          <li
            key={pin.id}
            className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-200 bg-white p-4"
          >
            <p>
              {t.rich('pinFor', {
                name: pin.intendedGuardianName,
                relationship: pin.intendedRelationship,
                issued: formatDay(pin.issuedAt, locale),
                issuedBy: `${pin.issuedByFirstName} ${pin.issuedByLastName}`,
                strong: (chunks) => <strong>{chunks}</strong>,
              })}{' '}
              ·{' '}
              {pin.expired ? (
                <strong>{t('pinExpired')}</strong>
              ) : (
                t('pinExpires', { date: formatDay(pin.expiresAt, locale) })
              )}
            </p>
            {canManage ? (
              <CancelPinButton pinId={pin.id} guardianName={pin.intendedGuardianName} />
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function IssuePinSection({
  child,
  minor,
  t,
}: {
  child: StaffChild;
  minor: boolean;
  t: Translator;
}) {
  const { PRACTICE_NAME, PRACTICE_PHONE, PUBLIC_URL, AGE_OF_MAJORITY } = env();
  return (
    <section
      aria-labelledby="issue-heading"
      className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
    >
      <h2 id="issue-heading" className="mb-2 text-xl font-semibold">
        {t('issuePin')}
      </h2>
      {minor ? (
        <>
          <p className="mb-4 text-slate-700">{t('issuePinIntro')}</p>
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
        <p>{t('adult', { age: AGE_OF_MAJORITY })}</p>
      )}
    </section>
  );
}

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
  const chart = await readChartFor(session, db, child.id);
  const { notice } = await searchParams;
  const [t, locale] = await Promise.all([getT('staff.patient'), getLocale()]);

  return (
    <div className="flex flex-col gap-8">
      <PatientHeader
        child={child}
        today={today}
        isAdmin={hasAnyRole(session, ['admin'])}
        canManage={canManage}
        t={t}
      />
      {notice === 'created' ? <Alert tone="success">{t('created')}</Alert> : null}
      {notice === 'updated' ? <Alert tone="success">{t('updated')}</Alert> : null}
      <PatientDetails child={child} today={today} locale={locale} t={t} />
      {chart ? (
        <HealthRecordSection
          child={child}
          today={today}
          record={chart.record}
          refused={chart.refused}
          locale={locale}
          t={t}
        />
      ) : null}
      <GuardiansSection links={links} canManage={canManage} locale={locale} t={t} />
      <OutstandingPinsSection pins={outstanding} canManage={canManage} locale={locale} t={t} />
      {canManage ? (
        <IssuePinSection child={child} minor={isMinorOn(child.dateOfBirth, today)} t={t} />
      ) : null}
    </div>
  );
});
