'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { ActionForm } from '@/components/forms/action-form';
import { useActionForm } from '@/components/forms/use-action-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextAreaField } from '@/components/ui/field';
import type { ActionResult } from '@/lib/action-result';
import type { ReplyInput } from '@/lib/messaging/schemas';
import { BODY_MAX } from '@/lib/messaging/vocabulary';

/** A reply box for either side; each gets its own server action. */
export function ReplyForm({
  conversationId,
  action,
  label = 'Your reply',
  buttonLabel = 'Send reply',
  describedBy,
}: {
  conversationId: string;
  action: (input: ReplyInput) => Promise<ActionResult<unknown>>;
  label?: string;
  buttonLabel?: string;
  describedBy?: string;
}) {
  const router = useRouter();
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [sent, setSent] = useState(false);
  const submission = useActionForm({
    schema: () => import('@/lib/messaging/schemas').then((schemas) => schemas.replySchema),
    action,
    defaultValues: { conversationId, body: '', idempotencyKey },
    onSuccess: () => {
      // A fresh key for the next reply; this one has been used.
      const next = crypto.randomUUID();
      setIdempotencyKey(next);
      form.reset({ conversationId, body: '', idempotencyKey: next });
      setSent(true);
      router.refresh();
    },
  });
  const { form, errorOf } = submission;
  const length = (form.watch('body') ?? '').length;
  return (
    <ActionForm
      form={submission}
      className="flex flex-col gap-3"
      aria-label={label}
      aria-describedby={describedBy}
    >
      {sent ? <Alert tone="success">Sent.</Alert> : null}
      <TextAreaField
        id={`reply-${conversationId}-${label.replace(/\W+/g, '-')}`}
        label={label}
        required
        maxLength={BODY_MAX}
        error={errorOf('body')}
        hint={
          <span aria-live="polite">{`${length.toLocaleString('en-US')} of ${BODY_MAX.toLocaleString('en-US')} characters`}</span>
        }
        {...form.register('body', { onChange: () => setSent(false) })}
      />
      <Button
        type="submit"
        pending={form.formState.isSubmitting}
        pendingLabel="Sending…"
        className="self-start"
      >
        {buttonLabel}
      </Button>
    </ActionForm>
  );
}
