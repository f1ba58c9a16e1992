'use client';

import { useState } from 'react';
import type { DefaultValues, FieldValues } from 'react-hook-form';

import { useActionForm } from '@/components/forms/use-action-form';

/** What every request form sends besides its own fields. */
export interface RequestValues extends FieldValues {
  childId: string;
  idempotencyKey: string;
  note?: string;
}

/**
 * useActionForm as every request form sets it up: the child, an empty note to the office, and
 * one once-only key per form, so a double click or a resubmit is recognised as the same request.
 * `fields` are the form's own starting values; the schema and action type them.
 */
export function useRequestForm<TInput extends RequestValues, TOutput extends FieldValues, TData>({
  childId,
  fields,
  ...options
}: Omit<Parameters<typeof useActionForm<TInput, TOutput, TData>>[0], 'defaultValues'> & {
  childId: string;
  fields: Omit<DefaultValues<TInput>, 'childId' | 'idempotencyKey' | 'note'>;
}) {
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  return useActionForm<TInput, TOutput, TData>({
    ...options,
    defaultValues: { childId, ...fields, note: '', idempotencyKey } as DefaultValues<TInput>,
  });
}
