import type { Metadata } from 'next';

import { getDb } from '@/db';
import { requireStaff } from '@/lib/authz';
import { formatDateTime } from '@/lib/dates';
import { getLocale, getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';
import { listStaffUsers } from '@/lib/staff/users';

import { TwoStepResetPanel } from '../_components/help-desk-controls';
import { CreateStaffUserForm } from './_components/create-staff-user-form';
import { StaffUserControls } from './_components/staff-user-controls';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getT('staff.users');
  return { title: t('title') };
}

export default portalPage(async function StaffUsersPage() {
  await requireStaff('admin');
  const staff = await listStaffUsers(await getDb());
  const [t, tRoles, locale] = await Promise.all([
    getT('staff.users'),
    getT('staffForms.roles'),
    getLocale(),
  ]);
  return (
    <div className="flex flex-col gap-8">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <section aria-labelledby="staff-list-heading" className="flex flex-col gap-3">
        <h2 id="staff-list-heading" className="text-xl font-semibold">
          {t('everyone')}
        </h2>
        <ul className="flex flex-col gap-3">
          {staff.map((member) => (
            <li
              key={member.id}
              className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
            >
              <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
                <p className="font-semibold">
                  {member.firstName} {member.lastName}{' '}
                  <span className="font-normal text-slate-700">({member.userId})</span>
                </p>
                <p className="text-sm text-slate-700">
                  {member.disabledAt ? (
                    <strong className="text-red-800">{t('disabled')}</strong>
                  ) : (
                    t('active')
                  )}{' '}
                  · {member.roles.map((role) => tRoles(role)).join(', ') || t('noRoles')} ·{' '}
                  {member.awaitingSetup
                    ? member.setupLinkExpiresAt
                      ? t('awaitingSetup', {
                          until: formatDateTime(member.setupLinkExpiresAt, locale),
                        })
                      : t('awaitingSetupExpired')
                    : member.twoStepEnabledAt
                      ? t('twoStepOn')
                      : t('twoStepNotYet')}
                </p>
              </div>
              <StaffUserControls
                staffUserId={member.id}
                name={`${member.firstName} ${member.lastName}`}
                roles={member.roles}
                disabled={Boolean(member.disabledAt)}
                awaitingSetup={member.awaitingSetup}
              />
              <div className="mt-3">
                <TwoStepResetPanel
                  accountId={member.id}
                  personKind="staff"
                  enabled={Boolean(member.twoStepEnabledAt)}
                  collapsed
                />
              </div>
            </li>
          ))}
        </ul>
      </section>
      <section
        aria-labelledby="add-staff-heading"
        className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
      >
        <h2 id="add-staff-heading" className="mb-4 text-xl font-semibold">
          {t('add')}
        </h2>
        <CreateStaffUserForm />
      </section>
    </div>
  );
});
