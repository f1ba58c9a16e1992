'use client';

import { useTranslations } from 'next-intl';

import { unlockParentAccount } from '@/app/staff/(office)/accounts/actions';
import { useActionButtons } from '@/components/forms/use-action-buttons';
import { Button } from '@/components/ui/button';

import { AttentionList } from './attention-list';

export interface AccountUnderAttackRow {
  id: string;
  kind: 'parent' | 'staff';
  name: string;
  userId: string;
  failures: number;
  /** Already formatted on the server, on the practice's clock. */
  lastTry: string;
  /** Set while sign-in is paused (at 100 wrong tries in a row). */
  pausedUntil: string | null;
}

/**
 * Accounts taking many wrong sign-in tries in a row, from anywhere: someone may be guessing.
 * The owner is never locked out by a few tries; at 100 sign-in pauses for a day, and the help
 * desk can lift it once it has spoken to the owner.
 */
export function AccountsUnderAttack({ rows }: { rows: AccountUnderAttackRow[] }) {
  const t = useTranslations('staffForms.underAttack');
  const { pending, run, status } = useActionButtons();
  return (
    <AttentionList
      id="under-attack"
      tone="amber"
      heading={t('heading', { count: rows.length })}
      intro={t('intro')}
      status={status}
      rows={rows}
      testId="account-under-attack"
      describe={(row) => (
        <>
          <p className="font-medium">
            {t('who', { name: row.name, kind: row.kind, userId: row.userId })}
          </p>
          <p className="text-slate-700">
            {t('tries', { count: row.failures, lastTry: row.lastTry })}
            {row.pausedUntil ? t('pausedUntil', { until: row.pausedUntil }) : null}
          </p>
        </>
      )}
      action={(row) => (
        <Button
          variant="secondary"
          pending={pending === row.id}
          onClick={() =>
            run(
              row.id,
              () => unlockParentAccount({ accountId: row.id }),
              t('lifted', { name: row.name }),
            )
          }
        >
          {t('lift')}
        </Button>
      )}
    />
  );
}
