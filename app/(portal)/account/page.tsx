import { eq } from 'drizzle-orm';
import type { Metadata } from 'next';
import Link from 'next/link';

import { getDb } from '@/db';
import { users } from '@/db/schema';
import { isHintQuestionId } from '@/lib/accounts/hint-questions';
import { describeDevice, listRecentSignIns } from '@/lib/accounts/settings';
import { requireParent } from '@/lib/authz';
import { formatDateTime } from '@/lib/dates';
import { getLocale, getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';

import {
  ChangeEmailForm,
  ChangeHintForm,
  ChangePasswordForm,
} from './_components/deferred-account-forms';
import { MessageEmailsToggle } from './_components/message-emails-toggle';
import { SignOutEverywhereButton } from './_components/sign-out-everywhere-button';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT('account'))('title') };
}

function Section({
  id,
  title,
  children,
}: {
  id: string;
  title: string;
  children: React.ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id={id} className="mb-3 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default portalPage(async function AccountPage() {
  const session = await requireParent();
  const db = await getDb();
  const [[settings], signIns] = await Promise.all([
    db
      .select({
        messageEmails: users.messageEmails,
        hintQuestion: users.hintQuestion,
        twoStepEnabledAt: users.totpEnabledAt,
      })
      .from(users)
      .where(eq(users.id, session.user.id)),
    listRecentSignIns(db, session.user.id),
  ]);
  const [t, locale] = await Promise.all([getT('account'), getLocale()]);
  const device = (userAgent: string | null) => {
    const described = describeDevice(userAgent);
    if (!described) return t('signIns.unknownDevice');
    return t('signIns.device', {
      browser: described.browser ?? t('signIns.aBrowser'),
      system: described.system ?? t('signIns.unknownSystem'),
    });
  };
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-5">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <dt className="font-medium text-slate-700">{t('name')}</dt>
        <dd>
          {session.user.firstName} {session.user.lastName}
        </dd>
        <dt className="font-medium text-slate-700">{t('userId')}</dt>
        <dd>{session.user.userId}</dd>
        <dt className="font-medium text-slate-700">{t('email')}</dt>
        <dd>
          {session.user.email} {session.user.emailVerifiedAt ? t('confirmed') : t('notConfirmed')}
        </dd>
      </dl>
      <Section id="notifications-heading" title={t('notices.title')}>
        <p className="mb-2 text-slate-700">{t('notices.body')}</p>
        <MessageEmailsToggle initial={settings?.messageEmails ?? true} />
      </Section>
      <Section id="two-step-heading" title={t('twoStep.title')}>
        <p className="mb-2 text-slate-700">
          {settings?.twoStepEnabledAt ? t('twoStep.on') : t('twoStep.off')}
        </p>
        <Link
          href="/account/two-step"
          className="inline-block py-2 font-medium text-blue-700 underline"
        >
          {settings?.twoStepEnabledAt ? t('twoStep.manage') : t('twoStep.setUp')}
        </Link>
      </Section>
      <Section id="password-heading" title={t('password')}>
        <ChangePasswordForm />
      </Section>
      <Section id="email-heading" title={t('changeEmail')}>
        <ChangeEmailForm />
      </Section>
      <Section id="hint-heading" title={t('hint')}>
        <ChangeHintForm
          currentQuestion={
            isHintQuestionId(settings?.hintQuestion)
              ? (await getT('hintQuestions'))(settings.hintQuestion)
              : null
          }
        />
      </Section>
      <Section id="signins-heading" title={t('signIns.title')}>
        <p className="mb-3 text-slate-700">{t('signIns.intro')}</p>
        <ul className="mb-4 flex flex-col divide-y divide-slate-200">
          {signIns.map((signIn) => (
            <li key={signIn.id} className="py-2">
              <strong>{formatDateTime(signIn.createdAt, locale)}</strong> ·{' '}
              {device(signIn.userAgent)} · {signIn.ipAddress ?? t('signIns.unknownAddress')} ·{' '}
              {signIn.id === session.sessionId
                ? t('signIns.thisDevice')
                : signIn.endedAt
                  ? t('signIns.signedOut')
                  : t('signIns.stillSignedIn')}
            </li>
          ))}
        </ul>
        <SignOutEverywhereButton />
      </Section>
    </div>
  );
});
