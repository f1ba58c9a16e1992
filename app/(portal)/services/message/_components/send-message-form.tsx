'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

import { ActionForm } from '@/components/forms/action-form';
import { SubmitButton } from '@/components/forms/fields';
import { useActionForm } from '@/components/forms/use-action-form';
import { NewMessageFields } from '@/components/messaging/new-message-fields';
import { SelectField } from '@/components/ui/field';
import { RequiredMark } from '@/components/ui/required-note';
import { BODY_MAX, messageCategoryIds } from '@/lib/messaging/vocabulary';

import { sendSecureMessage } from '../actions';

export function SendMessageForm({
  linkedChildren,
  noticeId,
}: {
  linkedChildren: { id: string; name: string }[];
  noticeId: string;
}) {
  const t = useTranslations('messageForms');
  // One key per form: a double click or a resubmit is recognised as the same message.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const submission = useActionForm({
    schema: () => import('@/lib/messaging/schemas').then((schemas) => schemas.sendMessageSchema),
    action: sendSecureMessage,
    defaultValues: {
      childId: linkedChildren.length === 1 ? linkedChildren[0]!.id : '',
      category: undefined,
      subject: '',
      body: '',
      idempotencyKey,
    },
    worksWithoutJavaScript: true,
  });
  const { form, errorOf } = submission;
  const { register, formState, watch } = form;
  const length = (watch('body') ?? '').length;
  return (
    <ActionForm
      form={submission}
      className="flex flex-col gap-5"
      aria-label={t('formLabel')}
      aria-describedby={noticeId}
    >
      {/* Named controls with their values in the page, so the form can be posted before the
          page's JavaScript has run (react-hook-form fills values in only once it has). */}
      <input type="hidden" defaultValue={idempotencyKey} {...register('idempotencyKey')} />
      <SelectField
        id="childId"
        label={t('child')}
        required
        defaultValue={linkedChildren.length === 1 ? linkedChildren[0]!.id : ''}
        error={errorOf('childId')}
        {...register('childId')}
      >
        <option value="">{t('chooseChild')}</option>
        {linkedChildren.map((child) => (
          <option key={child.id} value={child.id}>
            {child.name}
          </option>
        ))}
      </SelectField>
      <fieldset
        role="radiogroup"
        aria-required="true"
        aria-describedby={errorOf('category') ? 'category-error' : undefined}
      >
        <legend className="font-medium">
          {t('category')}
          <RequiredMark />
        </legend>
        <div className="mt-2 flex flex-col gap-1">
          {messageCategoryIds.map((category) => (
            <label key={category} className="inline-flex min-h-11 items-center gap-2">
              <input type="radio" value={category} className="size-5" {...register('category')} />
              {t(`categories.${category}`)}
            </label>
          ))}
        </div>
        {errorOf('category') ? (
          <p id="category-error" role="alert" className="text-sm font-medium text-red-700">
            {errorOf('category')}
          </p>
        ) : null}
      </fieldset>
      <NewMessageFields
        form={form}
        errorOf={errorOf}
        ids={{ subject: 'subject', body: 'body' }}
        labels={{ subject: t('subject'), body: t('message') }}
        bodyHint={
          <span aria-live="polite">{t('characters', { count: length, max: BODY_MAX })}</span>
        }
      />
      <SubmitButton pending={formState.isSubmitting} pendingLabel={t('sending')}>
        {t('send')}
      </SubmitButton>
    </ActionForm>
  );
}
