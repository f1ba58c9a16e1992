'use client';

import { useTranslations } from 'next-intl';

import { ActionForm } from '@/components/forms/action-form';
import { SubmitButton } from '@/components/forms/fields';
import { useActionForm } from '@/components/forms/use-action-form';
import { SelectField, TextField } from '@/components/ui/field';
import { guardianRelationships } from '@/lib/children/relationships';

import { linkChild } from '../actions';

export function LinkChildForm() {
  const t = useTranslations('linkChild');
  const relationships = useTranslations('relationships');
  const submission = useActionForm({
    schema: () => import('@/lib/children/schemas').then((schemas) => schemas.linkChildSchema),
    action: linkChild,
    defaultValues: { pin: '', dateOfBirth: '', relationship: undefined, relationshipOther: '' },
    worksWithoutJavaScript: true,
  });
  const { form, errorOf } = submission;
  const { register, formState, watch } = form;
  const relationship = watch('relationship');
  return (
    <ActionForm form={submission} className="flex flex-col gap-4" aria-label={t('formLabel')}>
      <TextField
        id="pin"
        label={t('pin')}
        required
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        hint={t('pinHint')}
        error={errorOf('pin')}
        {...register('pin')}
      />
      <TextField
        id="dateOfBirth"
        label={t('dateOfBirth')}
        required
        type="date"
        error={errorOf('dateOfBirth')}
        {...register('dateOfBirth')}
      />
      <SelectField
        id="relationship"
        label={t('relationship')}
        required
        defaultValue=""
        error={errorOf('relationship')}
        {...register('relationship')}
      >
        <option value="" disabled>
          {t('chooseOne')}
        </option>
        {guardianRelationships.map((value) => (
          <option key={value} value={value}>
            {relationships(value)}
          </option>
        ))}
      </SelectField>
      {relationship === 'other' ? (
        <TextField
          id="relationshipOther"
          label={t('relationshipOther')}
          required
          error={errorOf('relationshipOther')}
          {...register('relationshipOther')}
        />
      ) : null}
      <SubmitButton pending={formState.isSubmitting} pendingLabel={t('linking')}>
        {t('submit')}
      </SubmitButton>
    </ActionForm>
  );
}
