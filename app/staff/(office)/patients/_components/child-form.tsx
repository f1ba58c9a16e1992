'use client';

import { ActionForm } from '@/components/forms/action-form';
import { useActionForm } from '@/components/forms/use-action-form';
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
          required
          error={errorOf('firstName')}
          {...register('firstName')}
        />
        <TextField
          id="child-lastName"
          label="Last name"
          required
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
          required
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
  const submission = useActionForm({
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
  const { form, errorOf } = submission;
  return (
    <ActionForm form={submission} className="flex flex-col gap-4" aria-label="Register a child">
      <Fields errorOf={(name) => errorOf(name)} register={(name) => form.register(name)} />
      <Button
        type="submit"
        pending={form.formState.isSubmitting}
        pendingLabel="Saving…"
        className="self-start"
      >
        Register child
      </Button>
    </ActionForm>
  );
}

export function EditChildForm({ childId, initial }: { childId: string; initial: ChildFields }) {
  const submission = useActionForm({
    schema: updateChildSchema,
    action: editChild,
    defaultValues: { childId, ...initial },
  });
  const { form, errorOf } = submission;
  return (
    <ActionForm form={submission} className="flex flex-col gap-4" aria-label="Edit child">
      <Fields errorOf={(name) => errorOf(name)} register={(name) => form.register(name)} />
      <Button
        type="submit"
        pending={form.formState.isSubmitting}
        pendingLabel="Saving…"
        className="self-start"
      >
        Save changes
      </Button>
    </ActionForm>
  );
}
