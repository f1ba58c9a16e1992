'use client';

import { useFormStatus } from 'react-dom';

import { Button } from '@/components/ui/button';

import { signOutNow } from '../actions';

function SubmitSignOut() {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" variant="secondary" pending={pending} pendingLabel="Signing out…">
      Sign out
    </Button>
  );
}

export function SignOutButton() {
  return (
    <form
      action={async (formData) => {
        await signOutNow(formData);
      }}
    >
      <SubmitSignOut />
    </form>
  );
}
