import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { MessageThread } from '@/components/messaging/message-thread';
import { ReplyForm } from '@/components/messaging/reply-form';
import { getDb } from '@/db';
import { actorFor } from '@/lib/auth/actors';
import { isUuid, requireStaff } from '@/lib/authz';
import { formatDate } from '@/lib/dates';
import { getLocale, getT } from '@/lib/i18n/server';
import { openConversationAsStaff } from '@/lib/messaging/open';
import { portalPage } from '@/lib/page';
import { currentRequestMeta } from '@/lib/request-context';

import { addStaffNote, replyToGuardian } from '../actions';
import { StaffConversationControls } from './_components/staff-conversation-controls';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getT('staff.conversation');
  return { title: t('title') };
}

export default portalPage(async function StaffConversationPage({
  params,
}: {
  params: Promise<{ conversationId: string }>;
}) {
  const session = await requireStaff('clinical', 'billing', 'front_desk', 'admin');
  const { conversationId } = await params;
  if (!isUuid(conversationId)) notFound();
  const conversation = await openConversationAsStaff(
    await getDb(),
    actorFor(session.user),
    await currentRequestMeta(),
    session.user.roles,
    conversationId,
  );
  if (!conversation) notFound();
  const guardianName = `${conversation.guardianFirstName} ${conversation.guardianLastName}`;
  const [t, tMessages, tCategory, locale] = await Promise.all([
    getT('staff.conversation'),
    getT('staff.messages'),
    getT('staffForms.categories'),
    getLocale(),
  ]);
  return (
    <div className="flex flex-col gap-6">
      <p>
        <Link href="/staff/messages" className="text-blue-700 underline">
          {t('back')}
        </Link>
      </p>
      <div>
        <h1 className="text-2xl font-bold">{conversation.subject}</h1>
        <p className="text-slate-700">
          {tCategory(conversation.category)} · {t('status', { status: conversation.status })} ·{' '}
          {conversation.assigneeFirstName
            ? tMessages('assignedTo', {
                name: `${conversation.assigneeFirstName} ${conversation.assigneeLastName}`,
              })
            : tMessages('unassigned')}
        </p>
      </div>
      <dl className="grid max-w-xl grid-cols-[auto_1fr] gap-x-6 gap-y-1 rounded-lg border border-slate-200 bg-white p-4">
        <dt className="font-medium text-slate-700">{t('child')}</dt>
        <dd>
          <Link
            href={`/staff/patients/${conversation.childId}`}
            className="text-blue-700 underline"
          >
            {conversation.childLastName}, {conversation.childFirstName}
          </Link>{' '}
          {t('childDetails', {
            born: formatDate(conversation.childDateOfBirth, locale),
            mrn: conversation.childMrn ?? '—',
          })}
        </dd>
        <dt className="font-medium text-slate-700">{t('guardian')}</dt>
        <dd>
          {guardianName} ({conversation.guardianUserId})
        </dd>
      </dl>
      <StaffConversationControls
        conversationId={conversation.id}
        status={conversation.status}
        assignedToMe={conversation.assignedTo === session.user.id}
        category={conversation.category}
      />
      <MessageThread
        showReadReceipts
        messages={conversation.messages.map((message) => ({
          ...message,
          authorName:
            message.authorKind === 'parent'
              ? t('parentAuthor', { name: guardianName })
              : `${message.authorFirstName} ${message.authorLastName}`,
        }))}
      />
      {conversation.status === 'open' ? (
        <section
          aria-labelledby="staff-reply-heading"
          className="rounded-lg border border-slate-200 bg-white p-5"
        >
          <h2 id="staff-reply-heading" className="mb-3 text-lg font-semibold">
            {t('replyTo', { name: guardianName })}
          </h2>
          <ReplyForm
            conversationId={conversation.id}
            action={replyToGuardian}
            label={t('replyLabel')}
            buttonLabel={t('sendReply')}
          />
        </section>
      ) : (
        <p className="rounded-md border border-slate-300 bg-slate-100 p-4">{t('closed')}</p>
      )}
      <section
        aria-labelledby="note-heading"
        className="rounded-lg border border-amber-400 bg-amber-50 p-5"
      >
        <h2 id="note-heading" className="mb-3 text-lg font-semibold">
          {t('note')}
        </h2>
        <ReplyForm
          conversationId={conversation.id}
          action={addStaffNote}
          label={t('noteLabel')}
          buttonLabel={t('addNote')}
        />
      </section>
    </div>
  );
});
