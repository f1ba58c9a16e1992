import type { Metadata } from 'next';
import Link from 'next/link';

import { LinkChildForm } from '@/app/(portal)/children/link/_components/deferred-link-child-form';
import { Alert } from '@/components/ui/alert';
import { requireParent } from '@/lib/authz';
import { env } from '@/lib/env';
import { getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT('welcome'))('metaTitle') };
}

/** Where sign-up leads: the next step (a child's PIN) rather than an empty home page. */
export default portalPage(async function WelcomePage() {
  const session = await requireParent();
  const { PIN_TTL_DAYS } = env();
  const t = await getT('welcome');
  const bold = (chunks: React.ReactNode) => <strong>{chunks}</strong>;
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-5">
      <h1 className="text-2xl font-bold">{t('title', { name: session.user.firstName })}</h1>
      {session.user.emailVerifiedAt ? null : (
        <Alert tone="info">{t.rich('confirm', { email: session.user.email, strong: bold })}</Alert>
      )}
      <section aria-labelledby="link-heading" className="flex flex-col gap-3">
        <h2 id="link-heading" className="text-xl font-semibold">
          {t('next')}
        </h2>
        <p>{t.rich('pin', { days: PIN_TTL_DAYS, strong: bold })}</p>
        <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <LinkChildForm />
        </div>
      </section>
      <ul className="flex flex-col gap-1">
        <li>
          <Link
            href="/help/registration#get-a-pin"
            className="inline-flex min-h-11 items-center font-medium text-blue-700 underline"
          >
            {t('noPin')}
          </Link>
        </li>
        <li>
          <Link
            href="/dashboard"
            className="inline-flex min-h-11 items-center font-medium text-blue-700 underline"
          >
            {t('skip')}
          </Link>
        </li>
      </ul>
    </div>
  );
});
