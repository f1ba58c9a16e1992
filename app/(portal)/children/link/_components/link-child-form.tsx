'use client';

import { useActionForm } from '@/components/forms/use-action-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { guardianRelationships, linkChildSchema, relationshipLabels } from '@/lib/children/schemas';

import { linkChild } from '../actions';

export function LinkChildForm() {
  const { form, onSubmit, formError, errorOf } = useActionForm({
    schema: linkChildSchema,
    action: linkChild,
    defaultValues: { pin: '', dateOfBirth: '', relationship: undefined, relationshipOther: '' },
  });
  const { register, formState, watch } = form;
  const relationship = watch('relationship');
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label="Link a child">
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <TextField
        id="pin"
        label="PIN"
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        hint="The 10 letters and numbers on the letter from the office, for example K7M4Q-9XR2T. Capital letters, spaces and the dash do not matter."
        error={errorOf('pin')}
        {...register('pin')}
      />
      <TextField
        id="dateOfBirth"
        label="Child's date of birth"
        type="date"
        error={errorOf('dateOfBirth')}
        {...register('dateOfBirth')}
      />
      <SelectField
        id="relationship"
        label="Your relationship to the child"
        defaultValue=""
        error={errorOf('relationship')}
        {...register('relationship')}
      >
        <option value="" disabled>
          Choose one
        </option>
        {guardianRelationships.map((value) => (
          <option key={value} value={value}>
            {relationshipLabels[value]}
          </option>
        ))}
      </SelectField>
      {relationship === 'other' ? (
        <TextField
          id="relationshipOther"
          label="Your relationship, in your words"
          error={errorOf('relationshipOther')}
          {...register('relationshipOther')}
        />
      ) : null}
      <Button
        type="submit"
        pending={formState.isSubmitting}
        pendingLabel="Linking…"
        className="self-start"
      >
        Link child
      </Button>
    </form>
  );
}
