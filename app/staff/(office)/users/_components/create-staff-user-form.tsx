'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { useActionForm } from '@/components/forms/use-action-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { createStaffUserSchema } from '@/lib/staff/schemas';
import { staffRoleLabels, staffRoles } from '@/lib/staff/vocabulary';

import { createStaffAccount } from '../actions';

export function CreateStaffUserForm() {
  const router = useRouter();
  const [created, setCreated] = useState(false);
  const { form, onSubmit, formError, errorOf } = useActionForm({
    schema: createStaffUserSchema,
    action: createStaffAccount,
    defaultValues: { firstName: '', lastName: '', userId: '', email: '', password: '', roles: [] },
    onSuccess: () => {
      setCreated(true);
      form.reset();
      router.refresh();
    },
  });
  const { register, formState } = form;
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="flex flex-col gap-4"
      aria-label="Add a staff user"
    >
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {created ? (
        <Alert tone="success">
          The staff user was created. Give them their password in person.
        </Alert>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          id="staff-firstName"
          label="First name"
          error={errorOf('firstName')}
          {...register('firstName')}
        />
        <TextField
          id="staff-lastName"
          label="Last name"
          error={errorOf('lastName')}
          {...register('lastName')}
        />
        <TextField
          id="staff-userId"
          label="User ID"
          autoCapitalize="none"
          error={errorOf('userId')}
          {...register('userId')}
        />
        <TextField
          id="staff-email"
          label="Email"
          type="email"
          error={errorOf('email')}
          {...register('email')}
        />
      </div>
      <TextField
        id="staff-password"
        label="Password"
        type="password"
        autoComplete="new-password"
        hint="At least 12 characters and hard to guess."
        error={errorOf('password')}
        {...register('password')}
      />
      <fieldset aria-describedby={errorOf('roles') ? 'staff-roles-error' : undefined}>
        <legend className="font-medium">Roles</legend>
        <div className="mt-2 flex flex-wrap gap-4">
          {staffRoles.map((role) => (
            <label key={role} className="inline-flex min-h-11 items-center gap-2">
              <input type="checkbox" value={role} className="size-5" {...register('roles')} />
              {staffRoleLabels[role]}
            </label>
          ))}
        </div>
        {errorOf('roles') ? (
          <p id="staff-roles-error" role="alert" className="text-sm font-medium text-red-700">
            {errorOf('roles')}
          </p>
        ) : null}
      </fieldset>
      <Button
        type="submit"
        pending={formState.isSubmitting}
        pendingLabel="Creating…"
        className="self-start"
      >
        Add staff user
      </Button>
    </form>
  );
}
