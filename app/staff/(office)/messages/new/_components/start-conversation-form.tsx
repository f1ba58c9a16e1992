'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

import { ActionForm } from '@/components/forms/action-form';
import { useActionForm } from '@/components/forms/use-action-form';
import { Button } from '@/components/ui/button';
import { SelectField, TextAreaField, TextField } from '@/components/ui/field';
import {
  BODY_MAX,
  startConversationSchema,
  SUBJECT_MAX,
  type Category,
} from '@/lib/messaging/schemas';

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
      <TextField
        id="start-subject"
        label={t('subject')}
        required
        maxLength={SUBJECT_MAX}
        error={errorOf('subject')}
        {...register('subject')}
      />
      <TextAreaField
        id="start-body"
        label={t('message')}
        required
        maxLength={BODY_MAX}
        error={errorOf('body')}
        {...register('body')}
      />
      <Button
        type="submit"
        pending={formState.isSubmitting}
        pendingLabel={t('sending')}
        className="self-start"
      >
        {t('send')}
      </Button>
    </ActionForm>
  );
}
