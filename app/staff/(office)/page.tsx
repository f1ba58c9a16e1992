import type { Metadata } from 'next';
import Link from 'next/link';

import { AccountsUnderAttack } from '@/app/staff/(office)/_components/accounts-under-attack';
import { getDb } from '@/db';
import { hasAnyRole, requireStaff } from '@/lib/authz';
import { formatDateTime } from '@/lib/dates';
import { getLocale, getT } from '@/lib/i18n/server';
import { listUndeliveredMail } from '@/lib/mail/outbox';
import { portalPage } from '@/lib/page';
import { listAccountsUnderAttack } from '@/lib/staff/help-desk';

import { OverdueRequests } from './_components/overdue-requests';
import { UndeliveredMail } from './_components/undelivered-mail';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getT('staff.home');
  return { title: t('title') };
}

export default portalPage(async function StaffHomePage() {
  const session = await requireStaff();
  const isAdmin = hasAnyRole(session, ['admin']);
  const isHelpDesk = hasAnyRole(session, ['front_desk', 'admin']);
  const [t, tRoles, locale] = await Promise.all([
    getT('staff.home'),
    getT('staffForms.roles'),
    getLocale(),
  ]);
  const db = await getDb();
  const undelivered = isAdmin ? await listUndeliveredMail(db) : null;
  const now = new Date();
  const underAttack = isHelpDesk ? await listAccountsUnderAttack(db, now) : [];
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <p>
        {t('signedInAs', {
          name: `${session.user.firstName} ${session.user.lastName}`,
          roles: session.user.roles.map((role) => tRoles(role)).join(', '),
        })}
      </p>
      <OverdueRequests roles={session.user.roles} />
      {underAttack.length > 0 ? (
        <AccountsUnderAttack
          rows={underAttack.map((row) => ({
            id: row.id,
            kind: row.kind,
            name: `${row.firstName} ${row.lastName}`,
            userId: row.userId,
            failures: row.failures,
            lastTry: formatDateTime(row.lastTryAt, locale),
            pausedUntil: row.pausedUntil > now ? formatDateTime(row.pausedUntil, locale) : null,
          }))}
        />
      ) : null}
      {undelivered && undelivered.rows.length > 0 ? (
        <UndeliveredMail
          rows={undelivered.rows.map(({ createdAt, ...row }) => ({
            ...row,
            queuedAt: formatDateTime(createdAt, locale),
          }))}
          more={undelivered.more}
        />
      ) : null}
      {isAdmin ? (
        <p>
          <Link href="/staff/users" className="text-blue-700 underline">
            {t('manageUsers')}
          </Link>
        </p>
      ) : null}
    </div>
  );
});
