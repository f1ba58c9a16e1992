import Link from 'next/link';

import { SignedInBody } from '@/app/session/_components/signed-in-body';
import { SignedInHeader } from '@/app/session/_components/signed-in-header';
import { getDb } from '@/db';
import { requireParent } from '@/lib/authz';
import { todayInPractice } from '@/lib/dates';
import { getT } from '@/lib/i18n/server';
import { countUnreadConversations } from '@/lib/messaging/parent';
import { portalPage } from '@/lib/page';

import { InboxLink } from './_components/inbox-link';
import { PatientServicesMenu } from './_components/patient-services-menu';

export default portalPage(async function PortalLayout({ children }: { children: React.ReactNode }) {
  const session = await requireParent();
  const t = await getT('portalNav');
  const unread = await countUnreadConversations(await getDb(), session.user.id, todayInPractice());
  return (
    <>
      <SignedInHeader
        name={`${session.user.firstName} ${session.user.lastName}`}
        homeHref="/dashboard"
        links={[{ href: '/dashboard', label: t('home') }]}
        extra={
          <>
            <li>
              <InboxLink initialUnread={unread} />
            </li>
            <li>
              <PatientServicesMenu />
            </li>
            <li>
              <Link
                href="/account"
                className="inline-block px-3 py-3 font-medium text-white hover:bg-brand-700"
              >
                {t('account')}
              </Link>
            </li>
          </>
        }
      />
      <SignedInBody session={session}>{children}</SignedInBody>
    </>
  );
});
