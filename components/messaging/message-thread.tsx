import { formatDateTime } from '@/lib/dates';
import { getLocale, getT } from '@/lib/i18n/server';

export interface ThreadMessage {
  id: string;
  kind?: 'message' | 'note';
  authorKind: 'parent' | 'staff';
  authorName: string;
  body: string;
  createdAt: Date;
  readByGuardianAt?: Date | null;
}

/**
 * Messages in order. Bodies are rendered as text (React escapes them), with line breaks kept:
 * a "<script>" someone typed shows as those characters.
 */
export async function MessageThread({
  messages,
  showReadReceipts = false,
}: {
  messages: ThreadMessage[];
  showReadReceipts?: boolean;
}) {
  const [t, locale] = await Promise.all([getT('messaging.thread'), getLocale()]);
  return (
    <ol className="flex flex-col gap-3" aria-label={t('label')}>
      {messages.map((message) => {
        const note = message.kind === 'note';
        const tone = note
          ? 'border-amber-500 bg-amber-50'
          : message.authorKind === 'staff'
            ? 'border-brand-600 bg-white'
            : 'border-slate-300 bg-slate-100';
        return (
          <li key={message.id} className={`rounded-lg border-l-4 p-4 ${tone}`}>
            <p className="text-sm text-slate-700">
              {note ? (
                <strong className="mr-1 uppercase text-amber-900">{t('internalNote')}</strong>
              ) : null}
              <strong>{message.authorName}</strong> · {formatDateTime(message.createdAt, locale)}
            </p>
            <p className="mt-2 whitespace-pre-wrap">{message.body}</p>
            {showReadReceipts && !note && message.authorKind === 'staff' ? (
              <p className="mt-2 text-sm text-slate-700">
                {message.readByGuardianAt
                  ? t('readByParent', { when: formatDateTime(message.readByGuardianAt, locale) })
                  : t('notReadYet')}
              </p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
