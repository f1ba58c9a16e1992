import { formatDateTime } from '@/lib/dates';

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
export function MessageThread({
  messages,
  showReadReceipts = false,
}: {
  messages: ThreadMessage[];
  showReadReceipts?: boolean;
}) {
  return (
    <ol className="flex flex-col gap-3" aria-label="Messages">
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
                <strong className="mr-1 uppercase text-amber-900">
                  Internal note (staff only) ·
                </strong>
              ) : null}
              <strong>{message.authorName}</strong> · {formatDateTime(message.createdAt)}
            </p>
            <p className="mt-2 whitespace-pre-wrap">{message.body}</p>
            {showReadReceipts && !note && message.authorKind === 'staff' ? (
              <p className="mt-2 text-sm text-slate-700">
                {message.readByGuardianAt
                  ? `Read by the parent ${formatDateTime(message.readByGuardianAt)}`
                  : 'Not read by the parent yet'}
              </p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
