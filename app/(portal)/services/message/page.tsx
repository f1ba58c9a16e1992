import type { Metadata } from 'next';
import Link from 'next/link';

import { getDb } from '@/db';
import { requireParent } from '@/lib/authz';
import { todayInPractice } from '@/lib/dates';
import { listLinkedChildren } from '@/lib/guardianship/access';
import { getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';

import { WritingNotice } from '../../_components/writing-notice';
import { SendMessageForm } from './_components/deferred-send-message-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT('messaging.send'))('title') };
}

export default portalPage(async function SendMessagePage() {
  const session = await requireParent();
  const [linked, t] = await Promise.all([
    listLinkedChildren(await getDb(), session.user.id, todayInPractice()),
    getT('messaging.send'),
  ]);
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-5">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <WritingNotice id="writing-notice" />
      {linked.length === 0 ? (
        <p>
          {t.rich('linkFirst', {
            link: (chunks) => (
              <Link href="/children/link" className="text-blue-700 underline">
                {chunks}
              </Link>
            ),
          })}
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
