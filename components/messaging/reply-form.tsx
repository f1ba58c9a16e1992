'use client';

import { useTranslations } from 'next-intl';
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
  label,
  buttonLabel,
  describedBy,
}: {
  conversationId: string;
  action: (input: ReplyInput) => Promise<ActionResult<unknown>>;
  label?: string;
  buttonLabel?: string;
  describedBy?: string;
}) {
  const t = useTranslations('messageForms');
  const fieldLabel = label ?? t('yourReply');
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
      aria-label={fieldLabel}
      aria-describedby={describedBy}
    >
      {sent ? <Alert tone="success">{t('sent')}</Alert> : null}
      <TextAreaField
        id={`reply-${conversationId}-${fieldLabel.replace(/\W+/g, '-')}`}
        label={fieldLabel}
        required
        maxLength={BODY_MAX}
        error={errorOf('body')}
        hint={<span aria-live="polite">{t('characters', { count: length, max: BODY_MAX })}</span>}
        {...form.register('body', { onChange: () => setSent(false) })}
      />
      <Button
        type="submit"
        pending={form.formState.isSubmitting}
        pendingLabel={t('sending')}
        className="self-start"
      >
        {buttonLabel ?? t('sendReply')}
      </Button>
    </ActionForm>
  );
}
