'use client';

import { useTranslations } from 'next-intl';

import { ActionForm } from '@/components/forms/action-form';
import { SubmitButton } from '@/components/forms/fields';
import { useActionForm } from '@/components/forms/use-action-form';
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
  const t = useTranslations('staffForms.child');
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          id="child-firstName"
          label={t('firstName')}
          required
          error={errorOf('firstName')}
          {...register('firstName')}
        />
        <TextField
          id="child-lastName"
          label={t('lastName')}
          required
          error={errorOf('lastName')}
          {...register('lastName')}
        />
        <TextField
          id="child-preferredName"
          label={t('preferredName')}
          error={errorOf('preferredName')}
          {...register('preferredName')}
        />
        <TextField
          id="child-dateOfBirth"
          label={t('dateOfBirth')}
          required
          type="date"
          error={errorOf('dateOfBirth')}
          {...register('dateOfBirth')}
        />
        <SelectField id="child-sex" label={t('sex')} error={errorOf('sex')} {...register('sex')}>
          <option value="">{t('notRecorded')}</option>
          <option value="female">{t('female')}</option>
          <option value="male">{t('male')}</option>
        </SelectField>
        <TextField
          id="child-mrn"
          label={t('mrn')}
          autoCapitalize="characters"
          error={errorOf('mrn')}
          {...register('mrn')}
        />
      </div>
    </>
  );
}

export function NewChildForm() {
  const t = useTranslations('staffForms.child');
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
    <ActionForm form={submission} className="flex flex-col gap-4" aria-label={t('registerLabel')}>
      <Fields errorOf={(name) => errorOf(name)} register={(name) => form.register(name)} />
      <SubmitButton pending={form.formState.isSubmitting} pendingLabel={t('saving')}>
        {t('register')}
      </SubmitButton>
    </ActionForm>
  );
}

export function EditChildForm({ childId, initial }: { childId: string; initial: ChildFields }) {
  const t = useTranslations('staffForms.child');
  const submission = useActionForm({
    schema: updateChildSchema,
    action: editChild,
    defaultValues: { childId, ...initial },
  });
  const { form, errorOf } = submission;
  return (
    <ActionForm form={submission} className="flex flex-col gap-4" aria-label={t('editLabel')}>
      <Fields errorOf={(name) => errorOf(name)} register={(name) => form.register(name)} />
      <SubmitButton pending={form.formState.isSubmitting} pendingLabel={t('saving')}>
        {t('save')}
      </SubmitButton>
    </ActionForm>
  );
}
