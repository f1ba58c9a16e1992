'use client';

import { ActionForm } from '@/components/forms/action-form';
import { useActionForm } from '@/components/forms/use-action-form';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { guardianRelationships, linkChildSchema, relationshipLabels } from '@/lib/children/schemas';

import { linkChild } from '../actions';

export function LinkChildForm() {
  const submission = useActionForm({
    schema: linkChildSchema,
    action: linkChild,
    defaultValues: { pin: '', dateOfBirth: '', relationship: undefined, relationshipOther: '' },
    worksWithoutJavaScript: true,
  });
  const { form, errorOf } = submission;
  const { register, formState, watch } = form;
  const relationship = watch('relationship');
  return (
    <ActionForm form={submission} className="flex flex-col gap-4" aria-label="Link a child">
      <TextField
        id="pin"
        label="PIN"
        required
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
        required
        type="date"
        error={errorOf('dateOfBirth')}
        {...register('dateOfBirth')}
      />
      <SelectField
        id="relationship"
        label="Your relationship to the child"
        required
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
          required
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
    </ActionForm>
  );
}
