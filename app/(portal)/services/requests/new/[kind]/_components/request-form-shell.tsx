import { useTranslations } from 'next-intl';
import type { ComponentProps, ReactNode } from 'react';
import type { FieldValues, Path, UseFormRegisterReturn, UseFormReturn } from 'react-hook-form';

import { ActionForm } from '@/components/forms/action-form';
import { SubmitButton } from '@/components/forms/fields';
import { SelectField, TextAreaField } from '@/components/ui/field';
import { NOTE_MAX } from '@/lib/requests/vocabulary';

import type { RequestValues } from './use-request-form';

type Submission<TInput extends RequestValues, TOutput extends FieldValues> = ComponentProps<
  typeof ActionForm
>['form'] & {
  form: UseFormReturn<TInput, unknown, TOutput>;
  errorOf: (name: Path<TInput>) => string | undefined;
  pending: boolean;
};

/**
 * What every request form shares around its own fields: the form named for its kind and
 * described by the page's notice, the child and the once-only key as named controls (so a form
 * that works without JavaScript posts them), the note to the office, and the submit button.
 */
export function RequestFormShell<TInput extends RequestValues, TOutput extends FieldValues>({
  submission,
  kindName,
  noticeId,
  children,
}: {
  submission: Submission<TInput, TOutput>;
  kindName: string;
  noticeId: string;
  children: ReactNode;
}) {
  const t = useTranslations('requestForms');
  const { form, errorOf, pending } = submission;
  // These names are in TInput by its bound; TypeScript cannot see that through Path<>.
  const idempotencyKey = 'idempotencyKey' as Path<TInput>;
  const childId = 'childId' as Path<TInput>;
  const note = 'note' as Path<TInput>;
  return (
    <ActionForm
      form={submission}
      className="flex flex-col gap-5"
      aria-label={t('formLabel', { kind: kindName })}
      aria-describedby={noticeId}
    >
      {submission.worksWithoutJavaScript ? (
        <>
          <input
            type="hidden"
            defaultValue={String(form.getValues(idempotencyKey))}
            {...form.register(idempotencyKey)}
          />
          <input
            type="hidden"
            defaultValue={String(form.getValues(childId))}
            {...form.register(childId)}
          />
        </>
      ) : null}
      {children}
      <TextAreaField
        id="note"
        label={t('note')}
        maxLength={NOTE_MAX}
        className="min-h-24"
        error={errorOf(note)}
        {...form.register(note)}
      />
      <SubmitButton pending={pending} pendingLabel={t('sending')}>
        {t('submit')}
      </SubmitButton>
    </ActionForm>
  );
}

/** A required choice from a list, starting on "Choose…": the reason, the scope, the form type. */
export function RequiredChoice({
  id,
  label,
  error,
  choices,
  names,
  field,
}: {
  id: string;
  label: string;
  error?: string;
  choices: readonly string[];
  /** Each choice's words, in the reader's language. */
  names: Record<string, string>;
  field: UseFormRegisterReturn;
}) {
  const t = useTranslations('requestForms');
  return (
    <SelectField id={id} label={label} required defaultValue="" error={error} {...field}>
      <option value="">{t('choose')}</option>
      {choices.map((choice) => (
        <option key={choice} value={choice}>
          {names[choice]}
        </option>
      ))}
    </SelectField>
  );
}
