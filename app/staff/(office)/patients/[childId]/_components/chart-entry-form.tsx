'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { z } from 'zod';

import { ActionForm } from '@/components/forms/action-form';
import { useActionForm } from '@/components/forms/use-action-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { sectionFields } from '@/lib/records/fields';
import {
  recordEntrySchema,
  type RecordEntryInput,
  type RecordSection,
} from '@/lib/records/schemas';
import type { VaccineOption } from '@/lib/records/vaccine-match';

import { addChartEntry, updateChartEntry } from '../actions';
import { VaccineCombobox } from './vaccine-combobox';

export type { VaccineOption };

/**
 * Adds or edits one entry of any section; the fields come from lib/records/fields.ts and the
 * rules from the section's zod schema, the same ones the server runs.
 */
export function ChartEntryForm({
  childId,
  section,
  entry,
  vaccines = [],
  onDone,
}: {
  childId: string;
  section: RecordSection;
  /** The entry being edited, as its form values; absent when adding. */
  entry?: { id: string; values: Record<string, string | boolean> };
  vaccines?: VaccineOption[];
  onDone?: () => void;
}) {
  const t = useTranslations('staffChart');
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const fields = sectionFields[section];
  const blank = Object.fromEntries(
    fields.map((field) => [
      field.name,
      field.kind === 'select' ? (field.options?.[0]?.[0] ?? '') : '',
    ]),
  );
  const submission = useActionForm({
    schema: recordEntrySchema as unknown as z.ZodType<
      Record<string, unknown>,
      Record<string, unknown>
    >,
    action: (values: Record<string, unknown>) =>
      entry
        ? updateChartEntry(values as RecordEntryInput)
        : addChartEntry(values as RecordEntryInput),
    defaultValues: {
      ...blank,
      confidential: false,
      ...entry?.values,
      childId,
      section,
      entryId: entry?.id ?? '',
    },
    onSuccess: () => {
      setSaved(true);
      if (!entry) form.reset();
      router.refresh();
      onDone?.();
    },
  });
  const { form, errorOf } = submission;
  const idPrefix = `${section}-${entry?.id.slice(0, 8) ?? 'new'}`;
  return (
    <ActionForm
      form={submission}
      className="flex flex-col gap-3"
      aria-label={entry ? t('editEntry') : t('addEntry')}
    >
      {saved && !entry ? <Alert tone="success">{t('added')}</Alert> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        {fields.map((field) => {
          const id = `${idPrefix}-${field.name}`;
          const common = {
            id,
            label: t(`fields.${section}.${field.name}` as never),
            hint: field.hint ? t(`hints.${section}.${field.name}` as never) : undefined,
            required: field.required,
            error: errorOf(field.name),
          };
          if (field.kind === 'select') {
            return (
              <SelectField key={field.name} {...common} {...form.register(field.name)}>
                {field.options?.map(([value]) => (
                  <option key={value} value={value}>
                    {t(`options.${field.name}.${value}` as never)}
                  </option>
                ))}
              </SelectField>
            );
          }
          if (field.kind === 'textarea') {
            return (
              <div key={field.name} className="sm:col-span-2">
                <TextAreaField {...common} className="min-h-24" {...form.register(field.name)} />
              </div>
            );
          }
          if (field.kind === 'vaccine') {
            return (
              <div key={field.name} className="sm:col-span-2">
                <VaccineCombobox
                  {...common}
                  options={vaccines}
                  value={String(form.watch(field.name) ?? '')}
                  field={form.register(field.name)}
                  onChoose={(label) =>
                    form.setValue(field.name, label, {
                      shouldDirty: true,
                      shouldValidate: form.formState.isSubmitted,
                    })
                  }
                />
              </div>
            );
          }
          return (
            <TextField
              key={field.name}
              {...common}
              type={field.kind === 'date' ? 'date' : 'text'}
              inputMode={field.kind === 'number' ? 'decimal' : undefined}
              {...form.register(field.name)}
            />
          );
        })}
      </div>
      <label className="inline-flex min-h-11 items-center gap-2">
        <input type="checkbox" className="size-5" {...form.register('confidential')} />
        {t('confidentialCheckbox')}
      </label>
      <Button
        type="submit"
        pending={form.formState.isSubmitting}
        pendingLabel={t('saving')}
        className="self-start"
      >
        {entry ? t('save') : t('add')}
      </Button>
    </ActionForm>
  );
}
