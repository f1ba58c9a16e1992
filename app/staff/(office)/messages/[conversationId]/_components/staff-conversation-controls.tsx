'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { messageCategoryIds, type Category } from '@/lib/messaging/schemas';

import {
  assignConversationToMe,
  changeConversationCategory,
  closeConversation,
  reopenConversation,
} from '../../actions';

export function StaffConversationControls({
  conversationId,
  status,
  assignedToMe,
  category,
}: {
  conversationId: string;
  status: 'open' | 'closed';
  assignedToMe: boolean;
  category: Category;
}) {
  const t = useTranslations('staffForms.conversation');
  const tCategory = useTranslations('staffForms.categories');
  const router = useRouter();
  const [pending, setPending] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [newCategory, setNewCategory] = useState<Category>(category);

  async function run(
    name: string,
    call: () => Promise<{ ok: boolean; formError?: string }>,
    after?: () => void,
  ) {
    setPending(name);
    setMessage(null);
    const result = await call();
    setPending(null);
    if (!result.ok) setMessage(result.formError ?? t('tryAgain'));
    else (after ?? (() => router.refresh()))();
  }

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap gap-2">
        {!assignedToMe && status === 'open' ? (
          <Button
            variant="secondary"
            pending={pending === 'assign'}
            onClick={() => run('assign', () => assignConversationToMe({ conversationId }))}
          >
            {t('assign')}
          </Button>
        ) : null}
        {status === 'open' ? (
          <Button
            variant="secondary"
            pending={pending === 'close'}
            onClick={() => run('close', () => closeConversation({ conversationId }))}
          >
            {t('close')}
          </Button>
        ) : (
          <Button
            variant="secondary"
            pending={pending === 'reopen'}
            onClick={() => run('reopen', () => reopenConversation({ conversationId }))}
          >
            {t('reopen')}
          </Button>
        )}
      </div>
      <div className="flex flex-wrap items-end gap-2">
        <div className="flex flex-col gap-1">
          <label htmlFor="change-category" className="font-medium">
            {t('queue')}
          </label>
          <select
            id="change-category"
            value={newCategory}
            onChange={(event) => setNewCategory(event.target.value as Category)}
            className="rounded-md border border-slate-400 px-3 py-2"
          >
            {messageCategoryIds.map((id) => (
              <option key={id} value={id}>
                {tCategory(id)}
              </option>
            ))}
          </select>
        </div>
        <Button
          variant="secondary"
          disabled={newCategory === category}
          pending={pending === 'category'}
          onClick={() =>
            run(
              'category',
              () => changeConversationCategory({ conversationId, category: newCategory }),
              () => router.push('/staff/messages?notice=moved'),
            )
          }
        >
          {t('changeCategory')}
        </Button>
      </div>
      {message ? (
        <p role="alert" className="font-medium text-red-700">
          {message}
        </p>
      ) : null}
    </div>
  );
}
