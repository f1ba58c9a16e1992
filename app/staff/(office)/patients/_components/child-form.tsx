'use client';

import { useActionForm } from '@/components/forms/use-action-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { childSchema, updateChildSchema } from '@/lib/children/schemas';

import { editChild, registerChild } from '../actions';

interface ChildFields {
  firstName: string;
  lastName: string;
  preferredName: string;
  dateOfBirth: string;
  sex: '' | 'female' | 'male';
  mrn: string;
}

function Fields({
  errorOf,
  register,
}: {
  errorOf: (name: keyof ChildFields) => string | undefined;
  register: (name: keyof ChildFields) => object;
}) {
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          id="child-firstName"
          label="First name"
          error={errorOf('firstName')}
          {...register('firstName')}
        />
        <TextField
          id="child-lastName"
          label="Last name"
          error={errorOf('lastName')}
          {...register('lastName')}
        />
        <TextField
          id="child-preferredName"
          label="Preferred name (optional)"
          error={errorOf('preferredName')}
          {...register('preferredName')}
        />
        <TextField
          id="child-dateOfBirth"
          label="Date of birth"
          type="date"
          error={errorOf('dateOfBirth')}
          {...register('dateOfBirth')}
        />
        <SelectField
          id="child-sex"
          label="Sex (for growth charts)"
          error={errorOf('sex')}
          {...register('sex')}
        >
          <option value="">Not recorded</option>
          <option value="female">Female</option>
          <option value="male">Male</option>
        </SelectField>
        <TextField
          id="child-mrn"
          label="Chart number (MRN, optional)"
          autoCapitalize="characters"
          error={errorOf('mrn')}
          {...register('mrn')}
        />
      </div>
    </>
  );
}

export function NewChildForm() {
  const { form, onSubmit, formError, errorOf } = useActionForm({
    schema: childSchema,
    action: registerChild,
    defaultValues: {
      firstName: '',
      lastName: '',
      preferredName: '',
      dateOfBirth: '',
      sex: '',
      mrn: '',
    },
  });
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="flex flex-col gap-4"
      aria-label="Register a child"
    >
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <Fields errorOf={(name) => errorOf(name)} register={(name) => form.register(name)} />
      <Button
        type="submit"
        pending={form.formState.isSubmitting}
        pendingLabel="Saving…"
        className="self-start"
      >
        Register child
      </Button>
    </form>
  );
}

export function EditChildForm({ childId, initial }: { childId: string; initial: ChildFields }) {
  const { form, onSubmit, formError, errorOf } = useActionForm({
    schema: updateChildSchema,
    action: editChild,
    defaultValues: { childId, ...initial },
  });
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label="Edit child">
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <Fields errorOf={(name) => errorOf(name)} register={(name) => form.register(name)} />
      <Button
        type="submit"
        pending={form.formState.isSubmitting}
        pendingLabel="Saving…"
        className="self-start"
      >
        Save changes
      </Button>
    </form>
  );
}
