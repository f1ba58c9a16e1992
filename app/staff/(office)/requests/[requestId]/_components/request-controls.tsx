'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { ActionForm } from '@/components/forms/action-form';
import { useActionForm } from '@/components/forms/use-action-form';
import { Button } from '@/components/ui/button';
import { SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { NOTE_MAX, REASON_MAX } from '@/lib/requests/vocabulary';

import {
  addRequestInternalNote,
  assignRequestToMe,
  attachRequestFile,
  setRequestStatus,
} from '../../actions';

export function AssignToMeButton({ requestId }: { requestId: string }) {
  const t = useTranslations('staffRequestForms');
  const router = useRouter();
  const submission = useActionForm({
    schema: () => import('@/lib/requests/schemas').then((s) => s.requestIdSchema),
    action: assignRequestToMe,
    defaultValues: { requestId },
    onSuccess: () => router.refresh(),
    worksWithoutJavaScript: true,
  });
  return (
    <ActionForm form={submission} requiredNote={false}>
      <input type="hidden" defaultValue={requestId} {...submission.form.register('requestId')} />
      <Button
        type="submit"
        variant="secondary"
        pending={submission.pending}
        pendingLabel={t('assigning')}
      >
        {t('assign')}
      </Button>
    </ActionForm>
  );
}

export function RequestStatusForm({
  requestId,
  outcomes,
}: {
  requestId: string;
  /** This kind's outcomes and their words. */
  outcomes: { id: string; label: string }[];
}) {
  const t = useTranslations('staffRequestForms');
  const router = useRouter();
  const submission = useActionForm({
    schema: () => import('@/lib/requests/schemas').then((s) => s.requestStatusSchema),
    action: setRequestStatus,
    defaultValues: { requestId, status: undefined, scheduledFor: '', reason: '' },
    onSuccess: () => router.refresh(),
  });
  const { form, errorOf, pending } = submission;
  const status = form.watch('status');
  return (
    <ActionForm form={submission} className="flex flex-col gap-4" aria-labelledby="status-heading">
      <h2 id="status-heading" className="text-lg font-semibold">
        {t('statusHeading')}
      </h2>
      <SelectField
        id="status"
        label={t('status')}
        required
        defaultValue=""
        error={errorOf('status')}
        {...form.register('status')}
      >
        <option value="">{t('chooseStatus')}</option>
        {outcomes.map((outcome) => (
          <option key={outcome.id} value={outcome.id}>
            {outcome.label}
          </option>
        ))}
      </SelectField>
      {status === 'scheduled' ? (
        <TextField
          id="scheduledFor"
          type="datetime-local"
          label={t('scheduledFor')}
          required
          error={errorOf('scheduledFor')}
          {...form.register('scheduledFor')}
        />
      ) : null}
      {status === 'declined' ? (
        <TextAreaField
          id="reason"
          label={t('reason')}
          required
          maxLength={REASON_MAX}
          className="min-h-24"
          error={errorOf('reason')}
          {...form.register('reason')}
        />
      ) : null}
      <Button type="submit" pending={pending} pendingLabel={t('saving')} className="self-start">
        {t('save')}
      </Button>
    </ActionForm>
  );
}

export function RequestNoteForm({ requestId }: { requestId: string }) {
  const t = useTranslations('staffRequestForms');
  const router = useRouter();
  const [idempotencyKey, setKey] = useState(() => crypto.randomUUID());
  const submission = useActionForm({
    schema: () => import('@/lib/requests/schemas').then((s) => s.requestNoteSchema),
    action: addRequestInternalNote,
    defaultValues: { requestId, body: '', idempotencyKey },
    onSuccess: () => {
      const next = crypto.randomUUID();
      setKey(next);
      submission.form.reset({ requestId, body: '', idempotencyKey: next });
      router.refresh();
    },
  });
  const { form, errorOf, pending } = submission;
  return (
    <ActionForm form={submission} className="flex flex-col gap-4" aria-labelledby="note-heading">
      <h2 id="note-heading" className="text-lg font-semibold">
        {t('noteHeading')}
      </h2>
      <input type="hidden" value={idempotencyKey} {...form.register('idempotencyKey')} />
      <TextAreaField
        id="note-body"
        label={t('note')}
        required
        maxLength={NOTE_MAX}
        className="min-h-24"
        error={errorOf('body')}
        {...form.register('body')}
      />
      <Button type="submit" pending={pending} pendingLabel={t('saving')} className="self-start">
        {t('addNote')}
      </Button>
    </ActionForm>
  );
}

export function AttachFileForm({ requestId }: { requestId: string }) {
  const t = useTranslations('staffRequestForms');
  const router = useRouter();
  const submission = useActionForm({
    schema: () => import('@/lib/requests/schemas').then((s) => s.attachFileSchema),
    action: attachRequestFile,
    defaultValues: { requestId, file: undefined },
    onSuccess: () => router.refresh(),
  });
  const { form, errorOf, pending } = submission;
  return (
    <ActionForm form={submission} className="flex flex-col gap-4" aria-labelledby="attach-heading">
      <h2 id="attach-heading" className="text-lg font-semibold">
        {t('attachHeading')}
      </h2>
      <TextField
        id="completed-file"
        name="file"
        type="file"
        accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
        label={t('file')}
        required
        error={errorOf('file')}
        onChange={(event) =>
          form.setValue('file', event.currentTarget.files?.[0] as Blob, { shouldValidate: true })
        }
      />
      <Button type="submit" pending={pending} pendingLabel={t('attaching')} className="self-start">
        {t('attach')}
      </Button>
    </ActionForm>
  );
}
