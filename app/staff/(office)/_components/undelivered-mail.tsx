'use client';

import { useTranslations } from 'next-intl';

import { useActionButtons } from '@/components/forms/use-action-buttons';
import { Button } from '@/components/ui/button';

import { retryUndeliveredEmail } from '../actions';

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
    <section
      aria-labelledby="undelivered-heading"
      className="rounded-lg border border-red-300 bg-white p-4"
    >
      <h2 id="undelivered-heading" className="text-lg font-semibold">
        {t('heading', { count: `${rows.length}${more ? '+' : ''}` })}
      </h2>
      <p className="mt-1 text-slate-700">{t('intro')}</p>
      {status}
      <ul className="mt-3 flex flex-col gap-2">
        {rows.map((row) => (
          <li
            key={row.id}
            className="flex flex-col gap-2 rounded-md border border-slate-200 p-3 sm:flex-row sm:items-center sm:justify-between"
            data-testid="undelivered-mail"
          >
            <div className="text-sm">
              <p className="font-medium">
                {t('row', { template: row.template, address: row.toAddress })}
              </p>
              <p className="text-slate-700">
                {t('queued', { when: row.queuedAt, count: row.attempts })}{' '}
                {row.lastError ?? t('noError')}
              </p>
            </div>
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
          </li>
        ))}
      </ul>
    </section>
  );
}
