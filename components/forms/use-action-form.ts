'use client';

import { useTranslations } from 'next-intl';
import { unstable_rethrow } from 'next/navigation';
import { useActionState, useEffect, useRef, useState, type FormEvent } from 'react';
import {
  useForm,
  type DefaultValues,
  type FieldValues,
  type Path,
  type Resolver,
} from 'react-hook-form';
import type { z } from 'zod';

import type { ActionResult } from '@/lib/action-result';
import { looksLikeMessageKey } from '@/lib/i18n/locales';

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

/** A server action's redirect or notFound() arrives in the browser as a thrown error; it is not a failure. */
function isNavigation(error: unknown): boolean {
  try {
    unstable_rethrow(error);
    return false;
  } catch {
    return true;
  }
}

type FormActionState<TData> = ActionResult<TData> | null;

/**
 * react-hook-form wired to a server action: the same zod schema checks the fields in the
 * browser and again on the server, and the server's field errors land next to the same fields.
 * `schema` may be a loader (`() => import('…/schemas').then((m) => m.someSchema)`), so a page's
 * first load carries no zod.
 *
 * The form never submits by GET: spread `formProps` on the <form> (ActionForm does). With
 * `worksWithoutJavaScript`, its `action` is the server action itself, so a form sent before the
 * page's JavaScript has run (or with JavaScript off) is posted to the same action, with the same
 * checks, and the server's answer is shown next to the fields. Without it, the form cannot be
 * sent until the JavaScript has run (ActionForm says so in a <noscript>).
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
  /**
   * The action is a server action whose every field is a named control in the form (hidden
   * inputs for fixed values), so the browser can post it before JavaScript has run.
   */
  worksWithoutJavaScript?: boolean;
}) {
  const [{ resolver, load }] = useState(() => lazyZodResolver(options.schema));
  const t = useTranslations();
  // The schemas speak in catalog keys ("validation.emailRequired"); the server's answers arrive
  // already in the reader's language and pass through.
  const inReadersLanguage = (message: string | undefined | null) => {
    if (!message) return message ?? undefined;
    const key = message as Parameters<typeof t.has>[0];
    return looksLikeMessageKey(message) && t.has(key) ? t(key) : message;
  };
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
  const [navigating, setNavigating] = useState(false);
  // The answer to a form posted before the JavaScript ran shows until the next submit from here.
  const [showPosted, setShowPosted] = useState(true);

  const submit = form.handleSubmit(async () => {
    setShowPosted(false);
    setFormError(null);
    let result: ActionResult<TData> | undefined;
    try {
      // The raw values, not the parsed ones: the schema's transforms run once, on the server.
      result = await options.action(form.getValues());
    } catch (error) {
      // The action redirected: the router is already moving to the next page.
      if (isNavigation(error)) {
        setNavigating(true);
        return;
      }
      setFormError(t('forms.connectionLost'));
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
  const onSubmit = (event?: FormEvent<HTMLFormElement>) => {
    // Once the page is live, the form is sent from here; React does not run the form's action.
    event?.preventDefault();
    return submit(event);
  };

  // A form posted before the JavaScript ran: React hands the server action (previous answer,
  // FormData) and renders its answer here, on the server and again once the page is live. A form
  // that needs JavaScript gets a client function instead: React gives it no address to post to,
  // and a submit made while the page was loading is replayed here once it is live.
  const latestSubmit = useRef(onSubmit);
  useEffect(() => {
    latestSubmit.current = onSubmit;
  });
  const [clientOnlyAction] = useState(() => async (): Promise<FormActionState<TData>> => {
    await latestSubmit.current();
    return null;
  });
  const [posted, formAction, postPending] = useActionState<FormActionState<TData>, FormData>(
    options.worksWithoutJavaScript
      ? // A server action built by defineAction also takes (previous answer, FormData).
        (options.action as unknown as (
          previous: FormActionState<TData>,
          formData: FormData,
        ) => Promise<FormActionState<TData>>)
      : clientOnlyAction,
    null,
  );
  const postedAnswer = showPosted && posted && !posted.ok ? posted : null;

  // Rules about the form as a whole (zod issues on the path "_form") show at its top, like the server's.
  const wholeFormError = (form.formState.errors as Record<string, { message?: string } | undefined>)
    ._form?.message;
  return {
    form,
    onSubmit,
    formError: inReadersLanguage(formError ?? wholeFormError ?? postedAnswer?.formError) ?? null,
    errorOf: (name: Path<TInput>) =>
      inReadersLanguage(
        form.getFieldState(name, form.formState).error?.message ??
          postedAnswer?.fieldErrors?.[name],
      ),
    /** True from the click until the answer is shown or the next page is on its way. */
    pending: form.formState.isSubmitting || navigating || postPending,
    worksWithoutJavaScript: options.worksWithoutJavaScript === true,
    formProps: { action: formAction, onSubmit, noValidate: true },
  };
}
