'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

import { setMessageEmails } from '../actions';

export function MessageEmailsToggle({ initial }: { initial: boolean }) {
  const t = useTranslations('accountForms');
  const [enabled, setEnabled] = useState(initial);
  const [status, setStatus] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <div className="flex flex-col gap-2">
      <label className="inline-flex min-h-11 items-center gap-3">
        <input
          type="checkbox"
          className="size-5"
          checked={enabled}
          disabled={pending}
          onChange={async (event) => {
            const next = event.target.checked;
            setPending(true);
            setStatus(null);
            const result = await setMessageEmails({ messageEmails: next });
            setPending(false);
            if (result.ok) {
              setEnabled(next);
              setStatus(next ? t('emailsOn') : t('emailsOff'));
            } else {
              setStatus(result.formError ?? t('notSaved'));
            }
          }}
        />
        {t('messageEmails')}
      </label>
      <p role="status" className="text-sm text-slate-700">
        {status}
      </p>
    </div>
  );
}
