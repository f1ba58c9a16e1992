import Link from 'next/link';

import { IdleWarning } from '@/app/session/_components/idle-warning';
import { SignedInHeader } from '@/app/session/_components/signed-in-header';
import { SiteFooter } from '@/components/site-footer';
import { getDb } from '@/db';
import { idleTimeoutSecondsFor, secondsUntil } from '@/lib/auth/sessions';
import { requireParent } from '@/lib/authz';
import { todayInPractice } from '@/lib/dates';
import { sessionPolicy } from '@/lib/env';
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
      <main id="main" className="mx-auto max-w-5xl px-4 py-8">
        {children}
      </main>
      <SiteFooter />
      <IdleWarning
        idleSecondsLeft={secondsUntil(session.idleExpiresAt)}
        idleTimeoutSeconds={idleTimeoutSecondsFor(session.user.kind)}
        warnBeforeSeconds={sessionPolicy.warnBeforeIdleSeconds}
      />
    </>
  );
});
