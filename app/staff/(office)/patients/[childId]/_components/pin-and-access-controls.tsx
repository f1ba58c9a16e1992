'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';

import { cancelGuardianPin, revokeGuardianAccess } from '../../actions';

export function CancelPinButton({ pinId, guardianName }: { pinId: string; guardianName: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-col items-start gap-1">
      <Button
        variant="secondary"
        pending={pending}
        aria-label={`Cancel the PIN for ${guardianName}`}
        onClick={async () => {
          setPending(true);
          const result = await cancelGuardianPin({ pinId });
          setPending(false);
          if (result.ok) router.refresh();
          else setError(result.formError ?? 'Please try again.');
        }}
      >
        Cancel PIN
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
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<{ form?: string; reason?: string }>({});
  if (!open) {
    return (
      <Button
        variant="secondary"
        onClick={() => setOpen(true)}
        aria-label={`Remove access for ${guardianName}`}
      >
        Remove access
      </Button>
    );
  }
  const id = `revoke-${guardianshipId}`;
  return (
    <form
      className="flex flex-col gap-2"
      aria-label={`Remove access for ${guardianName}`}
      onSubmit={async (event) => {
        event.preventDefault();
        setPending(true);
        const result = await revokeGuardianAccess({ guardianshipId, reason });
        setPending(false);
        if (result.ok) {
          setOpen(false);
          router.refresh();
        } else {
          setErrors({
            form: result.fieldErrors?.reason ? undefined : result.formError,
            reason: result.fieldErrors?.reason,
          });
        }
      }}
    >
      {errors.form ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {errors.form}
        </p>
      ) : null}
      <TextField
        id={id}
        label="Reason"
        hint="For example: custody change, family's request, linked in error."
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        error={errors.reason}
      />
      <div className="flex gap-2">
        <Button type="submit" variant="danger" pending={pending} pendingLabel="Removing…">
          Remove access now
        </Button>
        <Button variant="secondary" onClick={() => setOpen(false)}>
          Keep access
        </Button>
      </div>
    </form>
  );
}
