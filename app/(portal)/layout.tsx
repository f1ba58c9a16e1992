import { IdleWarning } from '@/components/idle-warning';
import { SignedInHeader } from '@/components/signed-in-header';
import { SiteFooter } from '@/components/site-footer';
import { requireParent } from '@/lib/authz';
import { idleTimeoutSecondsFor, secondsUntil } from '@/lib/auth/sessions';
import { sessionPolicy } from '@/lib/env';

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const session = await requireParent();
  return (
    <>
      <SignedInHeader name={`${session.user.firstName} ${session.user.lastName}`} homeHref="/dashboard" links={[{ href: '/dashboard', label: 'Home' }]} />
      <main id="main" className="mx-auto max-w-5xl px-4 py-8">
        {children}
      </main>
      <SiteFooter />
      <IdleWarning idleSecondsLeft={secondsUntil(session.idleExpiresAt)} idleTimeoutSeconds={idleTimeoutSecondsFor(session.user.kind)} warnBeforeSeconds={sessionPolicy.warnBeforeIdleSeconds} />
    </>
  );
}
