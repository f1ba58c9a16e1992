'use client';

import { useActionButtons } from '@/components/forms/use-action-buttons';
import { Button } from '@/components/ui/button';
import { shareStateLabels } from '@/lib/records/share-labels';
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
  const { pending, run, status } = useActionButtons();
  if (shares.length === 0) return <p className="text-slate-700">No share links yet.</p>;
  return (
    <div className="flex flex-col gap-3">
      {status}
      <ul className="flex flex-col gap-3" aria-label="Share links">
        {shares.map((share) => (
          <li
            key={share.id}
            className="flex flex-col gap-2 rounded-md border border-slate-200 p-3 sm:flex-row sm:items-center sm:justify-between"
            data-testid="share-link-row"
          >
            <div>
              <p className="font-medium">
                {share.label ?? 'Immunization record link'}{' '}
                <span
                  className={`ml-1 rounded-full px-2 py-0.5 text-sm font-medium ${stateStyles[share.state]}`}
                >
                  {shareStateLabels[share.state]}
                </span>
              </p>
              <p className="text-sm text-slate-700">
                Made {share.createdAt}
                {share.madeByYou ? ' by you' : ' by another parent or guardian'} ·{' '}
                {share.state === 'active'
                  ? `works until ${share.expiresAt}`
                  : share.state === 'expired'
                    ? `expired ${share.expiresAt}`
                    : share.endedAt
                      ? `ended ${share.endedAt}`
                      : 'ended'}
                {share.hasCode ? ' · needs a code' : ' · no code'}
              </p>
              <p className="text-sm text-slate-700">
                {share.openCount === 0
                  ? 'Not opened yet'
                  : `Opened ${share.openCount === 1 ? 'once' : `${share.openCount} times`}, last ${share.lastOpenedAt}`}
              </p>
            </div>
            {share.state === 'active' ? (
              <Button
                variant="secondary"
                pending={pending === share.id}
                pendingLabel="Turning off…"
                onClick={() =>
                  run(
                    share.id,
                    () => turnOffShareLink({ shareId: share.id }),
                    'The link is turned off. It no longer opens.',
                  )
                }
              >
                Turn off
                {share.label ? <span className="sr-only"> the link for {share.label}</span> : null}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
