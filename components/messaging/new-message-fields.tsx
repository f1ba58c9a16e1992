import type { ReactNode } from 'react';
import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';

import { TextAreaField, TextField } from '@/components/ui/field';
import { BODY_MAX, SUBJECT_MAX } from '@/lib/messaging/vocabulary';

interface NewMessageValues extends FieldValues {
  subject: string;
  body: string;
}

/**
 * The subject and the message of a new conversation, with the limits the server keeps: the same
 * two fields whether a parent writes to the office or the office writes to a guardian.
 */
export function NewMessageFields<TInput extends NewMessageValues, TOutput extends FieldValues>({
  form,
  errorOf,
  ids,
  labels,
  bodyHint,
}: {
  form: UseFormReturn<TInput, unknown, TOutput>;
  errorOf: (name: Path<TInput>) => string | undefined;
  ids: { subject: string; body: string };
  labels: { subject: string; body: string };
  bodyHint?: ReactNode;
}) {
  // Both names are in TInput by its bound; TypeScript cannot see that through Path<>.
  const subject = 'subject' as Path<TInput>;
  const body = 'body' as Path<TInput>;
  return (
    <>
      <TextField
        id={ids.subject}
        label={labels.subject}
        required
        maxLength={SUBJECT_MAX}
        error={errorOf(subject)}
        {...form.register(subject)}
      />
      <TextAreaField
        id={ids.body}
        label={labels.body}
        required
        maxLength={BODY_MAX}
        error={errorOf(body)}
        hint={bodyHint}
        {...form.register(body)}
      />
    </>
  );
}
