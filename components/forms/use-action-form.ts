'use client';

import { useEffect, useState } from 'react';
import {
  useForm,
  type DefaultValues,
  type FieldValues,
  type Path,
  type Resolver,
} from 'react-hook-form';
import type { z } from 'zod';

import type { ActionResult } from '@/lib/action-result';

type SchemaSource<TInput extends FieldValues, TOutput extends FieldValues> =
  z.ZodType<TOutput, TInput> | (() => Promise<z.ZodType<TOutput, TInput>>);

/**
 * The zod resolver, fetched with the schema the first time it is needed (or as soon as the form
 * is on screen): zod and the resolver are some 30 kB the page need not wait for.
 */
function lazyZodResolver<TInput extends FieldValues, TOutput extends FieldValues>(
  source: SchemaSource<TInput, TOutput>,
) {
  let loading: Promise<Resolver<TInput, unknown, TOutput>> | null = null;
  const load = () =>
    (loading ??= Promise.all([
      import('@hookform/resolvers/zod'),
      typeof source === 'function' ? source() : source,
    ]).then(([{ zodResolver }, schema]) => zodResolver(schema)));
  const resolver: Resolver<TInput, unknown, TOutput> = async (values, context, options) => {
    try {
      return (await load())(values, context, options);
    } catch {
      // The checks could not be fetched (a dropped connection): try again next time, and let
      // this submit through, since the server checks with the same schema and answers per field.
      loading = null;
      return { values: values as unknown as TOutput, errors: {} };
    }
  };
  return { resolver, load };
}

/**
 * react-hook-form wired to a server action: the same zod schema checks the fields in the
 * browser and again on the server, and the server's field errors land next to the same fields.
 * `schema` may be a loader (`() => import('…/schemas').then((m) => m.someSchema)`), so a page's
 * first load carries no zod.
 */
export function useActionForm<
  TInput extends FieldValues,
  TOutput extends FieldValues,
  TData,
>(options: {
  schema: SchemaSource<TInput, TOutput>;
  /** Receives the form's raw values: the server parses them with the same schema. */
  action: (input: TInput) => Promise<ActionResult<TData>>;
  defaultValues: DefaultValues<TInput>;
  onSuccess?: (data: TData) => void;
}) {
  const [{ resolver, load }] = useState(() => lazyZodResolver(options.schema));
  // Fetch the checks while the person reads the form, so the first submit does not wait.
  useEffect(() => void load().catch(() => {}), [load]);
  const form = useForm<TInput, unknown, TOutput>({
    resolver,
    defaultValues: options.defaultValues,
    // Validate on submit, then as the person corrects: errors appearing on blur would move the
    // submit button between mouse-down and mouse-up and swallow the click.
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  const [formError, setFormError] = useState<string | null>(null);

  const onSubmit = form.handleSubmit(async () => {
    setFormError(null);
    let result: ActionResult<TData> | undefined;
    try {
      // The raw values, not the parsed ones: the schema's transforms run once, on the server.
      result = await options.action(form.getValues());
    } catch {
      setFormError('We could not reach the portal. Check your connection and try again.');
      return;
    }
    // A redirecting action resolves with nothing while the browser moves on.
    if (!result) return;
    if (result.ok) {
      options.onSuccess?.(result.data);
      return;
    }
    setFormError(result.formError ?? null);
    for (const [field, message] of Object.entries(result.fieldErrors ?? {})) {
      form.setError(field as Path<TInput>, { type: 'server', message });
    }
  });

  // Rules about the form as a whole (zod issues on the path "_form") show at its top, like the server's.
  const wholeFormError = (form.formState.errors as Record<string, { message?: string } | undefined>)
    ._form?.message;
  return {
    form,
    onSubmit,
    formError: formError ?? wholeFormError ?? null,
    errorOf: (name: Path<TInput>) => form.getFieldState(name, form.formState).error?.message,
  };
}
