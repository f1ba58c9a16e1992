import { SignedInBody } from '@/app/session/_components/signed-in-body';
import { SignedInHeader } from '@/app/session/_components/signed-in-header';
import { hasAnyRole, requireStaff } from '@/lib/authz';
import { getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';

export default portalPage(async function StaffLayout({ children }: { children: React.ReactNode }) {
  const session = await requireStaff();
  const t = await getT('staff.nav');
  const links = [
    { href: '/staff', label: t('home') },
    { href: '/staff/messages', label: t('messages') },
    ...(hasAnyRole(session, ['front_desk', 'clinical', 'admin'])
      ? [{ href: '/staff/requests', label: (await getT('staffRequests'))('title') }]
      : []),
    ...(hasAnyRole(session, ['front_desk', 'admin', 'clinical'])
      ? [{ href: '/staff/patients', label: t('patients') }]
      : []),
    ...(hasAnyRole(session, ['front_desk', 'admin'])
      ? [{ href: '/staff/accounts', label: t('accounts') }]
      : []),
    ...(hasAnyRole(session, ['admin'])
      ? [
          { href: '/staff/users', label: t('users') },
          { href: '/staff/audit', label: t('audit') },
          { href: '/staff/integrations', label: t('integrations') },
        ]
      : []),
  ];
  return (
    <>
      <SignedInHeader
        name={`${session.user.firstName} ${session.user.lastName}`}
        homeHref="/staff"
        links={links}
      />
      <SignedInBody session={session}>{children}</SignedInBody>
    </>
  );
});
