'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

import { ActionForm } from '@/components/forms/action-form';
import { SubmitButton } from '@/components/forms/fields';
import { useActionForm } from '@/components/forms/use-action-form';
import { NewMessageFields } from '@/components/messaging/new-message-fields';
import { SelectField } from '@/components/ui/field';
import { startConversationSchema, type Category } from '@/lib/messaging/schemas';

import { writeToGuardian } from '../../actions';

export function StartConversationForm({
  childId,
  guardians,
  categories,
}: {
  childId: string;
  guardians: { guardianshipId: string; name: string }[];
  categories: Category[];
}) {
  const t = useTranslations('staffForms.compose');
  const tCategory = useTranslations('staffForms.categories');
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const submission = useActionForm({
    schema: startConversationSchema,
    action: writeToGuardian,
    defaultValues: {
      childId,
      guardianshipId: guardians.length === 1 ? guardians[0]!.guardianshipId : '',
      category: categories.length === 1 ? categories[0] : undefined,
      subject: '',
      body: '',
      idempotencyKey,
    },
  });
  const { form, errorOf } = submission;
  const { register, formState } = form;
  return (
    <ActionForm form={submission} className="flex flex-col gap-4" aria-label={t('label')}>
      <SelectField
        id="start-guardian"
        label={t('to')}
        required
        error={errorOf('guardianshipId')}
        {...register('guardianshipId')}
      >
        <option value="">{t('chooseGuardian')}</option>
        {guardians.map((guardian) => (
          <option key={guardian.guardianshipId} value={guardian.guardianshipId}>
            {guardian.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        id="start-category"
        label={t('queue')}
        required
        error={errorOf('category')}
        defaultValue={categories.length === 1 ? categories[0] : ''}
        {...register('category')}
      >
        <option value="" disabled>
          {t('chooseQueue')}
        </option>
        {categories.map((category) => (
          <option key={category} value={category}>
            {tCategory(category)}
          </option>
        ))}
      </SelectField>
      <NewMessageFields
        form={form}
        errorOf={errorOf}
        ids={{ subject: 'start-subject', body: 'start-body' }}
        labels={{ subject: t('subject'), body: t('message') }}
      />
      <SubmitButton pending={formState.isSubmitting} pendingLabel={t('sending')}>
        {t('send')}
      </SubmitButton>
    </ActionForm>
  );
}
