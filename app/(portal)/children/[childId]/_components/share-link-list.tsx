'use client';

import { useTranslations } from 'next-intl';

import { useActionButtons } from '@/components/forms/use-action-buttons';
import { Button } from '@/components/ui/button';
import type { ShareState } from '@/lib/records/shares';

import { turnOffShareLink } from '../actions';

export interface ShareRow {
  id: string;
  label: string | null;
  state: ShareState;
  /** Already formatted on the server, on the practice's clock. */
  createdAt: string;
  expiresAt: string;
  endedAt: string | null;
  hasCode: boolean;
  openCount: number;
  lastOpenedAt: string | null;
  madeByYou: boolean;
}

const stateStyles: Record<ShareState, string> = {
  active: 'bg-green-100 text-green-900',
  expired: 'bg-slate-100 text-slate-800',
  revoked: 'bg-slate-100 text-slate-800',
  locked: 'bg-red-100 text-red-900',
};

export function ShareLinkList({ shares }: { shares: ShareRow[] }) {
  const t = useTranslations('shareLinks');
  const { pending, run, status } = useActionButtons();
  if (shares.length === 0) return <p className="text-slate-700">{t('none')}</p>;
  return (
    <div className="flex flex-col gap-3">
      {status}
      <ul className="flex flex-col gap-3" aria-label={t('listLabel')}>
        {shares.map((share) => (
          <li
            key={share.id}
            className="flex flex-col gap-2 rounded-md border border-slate-200 p-3 sm:flex-row sm:items-center sm:justify-between"
            data-testid="share-link-row"
          >
            <div>
              <p className="font-medium">
                {share.label ?? t('defaultLabel')}{' '}
                <span
                  className={`ml-1 rounded-full px-2 py-0.5 text-sm font-medium ${stateStyles[share.state]}`}
                >
                  {t(`state.${share.state}`)}
                </span>
              </p>
              <p className="text-sm text-slate-700">
                {t(share.madeByYou ? 'madeByYou' : 'madeByOther', { date: share.createdAt })} ·{' '}
                {share.state === 'active'
                  ? t('worksUntil', { date: share.expiresAt })
                  : share.state === 'expired'
                    ? t('expiredOn', { date: share.expiresAt })
                    : share.endedAt
                      ? t('endedOn', { date: share.endedAt })
                      : t('ended')}
                {' · '}
                {t(share.hasCode ? 'needsCode' : 'noCode')}
              </p>
              <p className="text-sm text-slate-700">
                {share.openCount === 0
                  ? t('notOpened')
                  : t('opened', { count: share.openCount, date: share.lastOpenedAt ?? '' })}
              </p>
            </div>
            {share.state === 'active' ? (
              <Button
                variant="secondary"
                pending={pending === share.id}
                pendingLabel={t('turningOff')}
                onClick={() =>
                  run(share.id, () => turnOffShareLink({ shareId: share.id }), t('turnedOff'))
                }
              >
                {t('turnOff')}
                {share.label ? (
                  <span className="sr-only">{t('turnOffFor', { label: share.label })}</span>
                ) : null}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
