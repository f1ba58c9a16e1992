import type { ReactNode } from 'react';

import { SiteFooter } from '@/components/site-footer';
import { idleTimeoutSecondsFor, secondsUntil, type ActiveSession } from '@/lib/auth/sessions';
import { sessionPolicy } from '@/lib/env';

import { IdleWarning } from './idle-warning';

/**
 * What a signed-in layout (parent portal, staff office) puts under its header: the page, the
 * footer, and the warning before the session ends for being idle.
 */
export function SignedInBody({
  session,
  children,
}: {
  session: Pick<ActiveSession, 'idleExpiresAt' | 'user'>;
  children: ReactNode;
}) {
  return (
    <>
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
}
