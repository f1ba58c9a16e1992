'use client';

import { useTranslations } from 'next-intl';

import { useActionButtons } from '@/components/forms/use-action-buttons';
import { Button } from '@/components/ui/button';

import { disableIntegration } from '../actions';

export function DisableIntegrationButton({ clientId, name }: { clientId: string; name: string }) {
  const t = useTranslations('staffForms.integration');
  const { pending, run, status } = useActionButtons();
  return (
    <div className="flex flex-col gap-2">
      <Button
        variant="danger"
        className="self-start"
        aria-label={t('disableNamed', { name })}
        pending={pending === 'disable'}
        onClick={() => run('disable', () => disableIntegration({ clientId }), t('disabled'))}
      >
        {t('disable')}
      </Button>
      {status}
    </div>
  );
}
