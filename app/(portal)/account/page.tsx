import { eq } from 'drizzle-orm';
import type { Metadata } from 'next';
import Link from 'next/link';

import { getDb } from '@/db';
import { users } from '@/db/schema';
import { isHintQuestionId } from '@/lib/accounts/hint-questions';
import { describeDevice, listRecentSignIns } from '@/lib/accounts/settings';
import { requireParent } from '@/lib/authz';
import { formatDateTime } from '@/lib/dates';
import { getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';

import {
  ChangeEmailForm,
  ChangeHintForm,
  ChangePasswordForm,
  SignOutEverywhereButton,
} from './_components/account-forms';
import { MessageEmailsToggle } from './_components/message-emails-toggle';

export const metadata: Metadata = { title: 'Account settings' };

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
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-5">
      <h1 className="text-2xl font-bold">Account settings</h1>
      <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <dt className="font-medium text-slate-700">Name</dt>
        <dd>
          {session.user.firstName} {session.user.lastName}
        </dd>
        <dt className="font-medium text-slate-700">User ID</dt>
        <dd>{session.user.userId}</dd>
        <dt className="font-medium text-slate-700">Email</dt>
        <dd>
          {session.user.email}{' '}
          {session.user.emailVerifiedAt ? '(confirmed)' : '(not confirmed yet)'}
        </dd>
      </dl>
      <Section id="notifications-heading" title="Email notices">
        <p className="mb-2 text-slate-700">
          The email only says that a message is waiting. It never includes your child’s name or what
          the message says.
        </p>
        <MessageEmailsToggle initial={settings?.messageEmails ?? true} />
      </Section>
      <Section id="two-step-heading" title="Two-step verification">
        <p className="mb-2 text-slate-700">
          {settings?.twoStepEnabledAt
            ? 'On: signing in asks for a code from your phone as well as your password.'
            : 'Off. Turn it on so that a code from your phone is needed as well as your password: the best protection for your children’s records.'}
        </p>
        <Link
          href="/account/two-step"
          className="inline-block py-2 font-medium text-blue-700 underline"
        >
          {settings?.twoStepEnabledAt
            ? 'Manage two-step verification'
            : 'Set up two-step verification'}
        </Link>
      </Section>
      <Section id="password-heading" title="Change password">
        <ChangePasswordForm />
      </Section>
      <Section id="email-heading" title="Change email">
        <ChangeEmailForm />
      </Section>
      <Section id="hint-heading" title="Hint question">
        <ChangeHintForm
          currentQuestion={
            isHintQuestionId(settings?.hintQuestion)
              ? (await getT('hintQuestions'))(settings.hintQuestion)
              : null
          }
        />
      </Section>
      <Section id="signins-heading" title="Recent sign-ins">
        <p className="mb-3 text-slate-700">
          If you see a sign-in you do not recognise, change your password and sign out of all
          devices.
        </p>
        <ul className="mb-4 flex flex-col divide-y divide-slate-200">
          {signIns.map((signIn) => (
            <li key={signIn.id} className="py-2">
              <strong>{formatDateTime(signIn.createdAt)}</strong> ·{' '}
              {describeDevice(signIn.userAgent)} · {signIn.ipAddress ?? 'unknown address'}
              {signIn.id === session.sessionId
                ? ' · this device'
                : signIn.endedAt
                  ? ' · signed out'
                  : ' · still signed in'}
            </li>
          ))}
        </ul>
        <SignOutEverywhereButton />
      </Section>
    </div>
  );
});
