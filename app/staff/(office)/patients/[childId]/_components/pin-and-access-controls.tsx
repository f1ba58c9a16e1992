'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { ActionForm } from '@/components/forms/action-form';
import { useActionForm } from '@/components/forms/use-action-form';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { revokeGuardianSchema } from '@/lib/children/schemas';

import { cancelGuardianPin, revokeGuardianAccess } from '../../actions';

export function CancelPinButton({ pinId, guardianName }: { pinId: string; guardianName: string }) {
  const t = useTranslations('staffForms.access');
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-col items-start gap-1">
      <Button
        variant="secondary"
        pending={pending}
        aria-label={t('cancelPinFor', { name: guardianName })}
        onClick={async () => {
          setPending(true);
          const result = await cancelGuardianPin({ pinId });
          setPending(false);
          if (result.ok) router.refresh();
          else setError(result.formError ?? t('tryAgain'));
        }}
      >
        {t('cancelPin')}
      </Button>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function RevokeAccessForm({
  guardianshipId,
  guardianName,
}: {
  guardianshipId: string;
  guardianName: string;
}) {
  const t = useTranslations('staffForms.access');
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const submission = useActionForm({
    schema: revokeGuardianSchema,
    action: revokeGuardianAccess,
    defaultValues: { guardianshipId, reason: '' },
    onSuccess: () => {
      setOpen(false);
      router.refresh();
    },
  });
  const { form, errorOf, pending } = submission;
  if (!open) {
    return (
      <Button
        variant="secondary"
        onClick={() => setOpen(true)}
        aria-label={t('removeFor', { name: guardianName })}
      >
        {t('remove')}
      </Button>
    );
  }
  return (
    <ActionForm
      form={submission}
      className="flex flex-col gap-2"
      aria-label={t('removeFor', { name: guardianName })}
    >
      <TextField
        id={`revoke-${guardianshipId}`}
        label={t('reason')}
        required
        hint={t('reasonHint')}
        error={errorOf('reason')}
        {...form.register('reason')}
      />
      <div className="flex gap-2">
        <Button type="submit" variant="danger" pending={pending} pendingLabel={t('removing')}>
          {t('removeNow')}
        </Button>
        <Button variant="secondary" onClick={() => setOpen(false)}>
          {t('keep')}
        </Button>
      </div>
    </ActionForm>
  );
}
