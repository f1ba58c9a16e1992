import type { Metadata } from 'next';
import Link from 'next/link';

import { getDb } from '@/db';
import { requireParent } from '@/lib/authz';
import { todayInPractice } from '@/lib/dates';
import { listLinkedChildren } from '@/lib/guardianship/access';
import { portalPage } from '@/lib/page';

import { WritingNotice } from '../../_components/writing-notice';
import { SendMessageForm } from './_components/send-message-form';

export const metadata: Metadata = { title: 'Send a secure message' };

export default portalPage(async function SendMessagePage() {
  const session = await requireParent();
  const linked = await listLinkedChildren(await getDb(), session.user.id, todayInPractice());
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-5">
      <h1 className="text-2xl font-bold">Send a secure message</h1>
      <WritingNotice id="writing-notice" />
      {linked.length === 0 ? (
        <p>
          Messages are about a child linked to your account.{' '}
          <Link href="/children/link" className="text-blue-700 underline">
            Link a child
          </Link>{' '}
          first, with the PIN from the office.
        </p>
      ) : (
        <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <SendMessageForm
            linkedChildren={linked.map((child) => ({
              id: child.id,
              name: `${child.preferredName ?? child.firstName} ${child.lastName}`,
            }))}
            noticeId="writing-notice"
          />
        </div>
      )}
    </div>
  );
});
