'use client';

import { useTranslations } from 'next-intl';

import { useActionButtons } from '@/components/forms/use-action-buttons';
import { Button } from '@/components/ui/button';

import { retryUndeliveredEmail } from '../actions';
import { AttentionList } from './attention-list';

export interface UndeliveredMailRow {
  id: string;
  template: string;
  toAddress: string;
  attempts: number;
  lastError: string | null;
  /** Already formatted on the server, on the practice's clock. */
  queuedAt: string;
}

/** Email the portal stopped trying to send: an administrator sees each one and can send it again. */
export function UndeliveredMail({ rows, more }: { rows: UndeliveredMailRow[]; more: boolean }) {
  const t = useTranslations('staffForms.undelivered');
  const { pending, run, status } = useActionButtons();
  return (
    <AttentionList
      id="undelivered"
      tone="red"
      heading={t('heading', { count: `${rows.length}${more ? '+' : ''}` })}
      intro={t('intro')}
      status={status}
      rows={rows}
      testId="undelivered-mail"
      describe={(row) => (
        <>
          <p className="font-medium">
            {t('row', { template: row.template, address: row.toAddress })}
          </p>
          <p className="text-slate-700">
            {t('queued', { when: row.queuedAt, count: row.attempts })}{' '}
            {row.lastError ?? t('noError')}
          </p>
        </>
      )}
      action={(row) => (
        <Button
          variant="secondary"
          pending={pending === row.id}
          pendingLabel={t('queuing')}
          onClick={() =>
            run(row.id, () => retryUndeliveredEmail({ mailId: row.id }), t('queuedAgain'))
          }
        >
          {t('sendAgain')}
        </Button>
      )}
    />
  );
}
