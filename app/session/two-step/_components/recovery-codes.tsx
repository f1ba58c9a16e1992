'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';

/** Shown once, right after they are made: the only time anyone sees these codes in the clear. */
export function RecoveryCodesList({
  codes,
  onDone,
  doneLabel,
}: {
  codes: string[];
  onDone: () => void;
  doneLabel: string;
}) {
  const t = useTranslations('twoStep');
  const [copied, setCopied] = useState(false);
  return (
    <div className="flex flex-col gap-4" data-recovery-codes>
      <Alert tone="warning" title={t('saveCodesTitle')}>
        {t('saveCodesBody')}
      </Alert>
      <ol
        className="grid grid-cols-2 gap-2 rounded-md border border-slate-300 bg-slate-50 p-4 font-mono text-lg"
        aria-label={t('codesList')}
      >
        {codes.map((code) => (
          <li key={code} className="tracking-wide">
            {code}
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-3 print:hidden">
        <Button variant="secondary" onClick={() => window.print()}>
          {t('print')}
        </Button>
        <Button
          variant="secondary"
          onClick={async () => {
            await navigator.clipboard?.writeText(codes.join('\n'));
            setCopied(true);
          }}
        >
          {copied ? t('copied') : t('copy')}
        </Button>
        <Button onClick={onDone}>{doneLabel}</Button>
      </div>
    </div>
  );
}
