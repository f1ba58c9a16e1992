'use client';

import { useActionButtons } from '@/components/forms/use-action-buttons';
import { Button } from '@/components/ui/button';

import { disableIntegration } from '../actions';

export function DisableIntegrationButton({ clientId, name }: { clientId: string; name: string }) {
  const { pending, run, status } = useActionButtons();
  return (
    <div className="flex flex-col gap-2">
      <Button
        variant="danger"
        className="self-start"
        aria-label={`Disable ${name}`}
        pending={pending === 'disable'}
        onClick={() =>
          run(
            'disable',
            () => disableIntegration({ clientId }),
            'Disabled. Its access ended at once.',
          )
        }
      >
        Disable
      </Button>
      {status}
    </div>
  );
}
