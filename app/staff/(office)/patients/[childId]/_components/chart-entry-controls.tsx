'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { ActionForm } from '@/components/forms/action-form';
import { SubmitButton } from '@/components/forms/fields';
import { useActionForm } from '@/components/forms/use-action-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { releaseResultSchema, removeEntrySchema, type RecordSection } from '@/lib/records/schemas';

import { releaseResult, releaseSummary, removeChartEntry } from '../actions';
import { ChartEntryForm, type VaccineOption } from './chart-entry-form';

/** Edit and remove for one chart entry, folded away until needed. */
export function ChartEntryControls({
  childId,
  section,
  entry,
  vaccines,
  imported = false,
}: {
  childId: string;
  section: RecordSection;
  entry: { id: string; values: Record<string, string | boolean> };
  vaccines?: VaccineOption[];
  /** From the EHR: it stays the source, so the portal offers hiding only. */
  imported?: boolean;
}) {
  const t = useTranslations('staffChart');
  const router = useRouter();
  const [open, setOpen] = useState<'edit' | 'remove' | null>(null);
  const submission = useActionForm({
    schema: removeEntrySchema,
    action: removeChartEntry,
    defaultValues: { childId, section, entryId: entry.id, reason: '' },
    onSuccess: () => router.refresh(),
  });
  const { form, errorOf } = submission;
  return (
    <div className="mt-2 flex flex-col gap-3">
      <div className="flex flex-wrap gap-2">
        {imported ? null : (
          <Button
            variant="secondary"
            aria-expanded={open === 'edit'}
            onClick={() => setOpen(open === 'edit' ? null : 'edit')}
          >
            {t('edit')}
          </Button>
        )}
        <Button
          variant="secondary"
          aria-expanded={open === 'remove'}
          onClick={() => setOpen(open === 'remove' ? null : 'remove')}
        >
          {imported ? t('hide') : t('remove')}
        </Button>
      </div>
      {open === 'edit' ? (
        <ChartEntryForm
          childId={childId}
          section={section}
          entry={entry}
          vaccines={vaccines}
          onDone={() => setOpen(null)}
        />
      ) : null}
      {open === 'remove' ? (
        <ActionForm form={submission} className="flex flex-col gap-3" aria-label={t('removeEntry')}>
          <TextField
            id={`remove-${entry.id}`}
            label={imported ? t('reasonHide') : t('reasonRemove')}
            required
            error={errorOf('reason')}
            {...form.register('reason')}
          />
          <Button
            type="submit"
            variant="danger"
            pending={form.formState.isSubmitting}
            pendingLabel={t('removing')}
            className="self-start"
          >
            {imported ? t('hideFromChart') : t('removeFromChart')}
          </Button>
        </ActionForm>
      ) : null}
    </div>
  );
}

export function ReleaseResultForm({ childId, entryId }: { childId: string; entryId: string }) {
  const t = useTranslations('staffChart');
  const router = useRouter();
  const submission = useActionForm({
    schema: releaseResultSchema,
    action: releaseResult,
    defaultValues: { childId, entryId, comment: '' },
    onSuccess: () => router.refresh(),
  });
  const { form, errorOf } = submission;
  return (
    <ActionForm
      form={submission}
      className="mt-2 flex flex-col gap-3 rounded-md border border-amber-600 bg-amber-50 p-3"
      aria-label={t('releaseResult')}
    >
      <p className="font-medium">{t('notReleased')}</p>
      <TextField
        id={`release-${entryId}`}
        label={t('comment')}
        error={errorOf('comment')}
        {...form.register('comment')}
      />
      <SubmitButton pending={form.formState.isSubmitting} pendingLabel={t('releasing')}>
        {t('release')}
      </SubmitButton>
    </ActionForm>
  );
}

export function ReleaseSummaryButton({ childId, entryId }: { childId: string; entryId: string }) {
  const t = useTranslations('staffChart');
  const tForms = useTranslations('forms');
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="mt-2 flex flex-col gap-2">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Button
        pending={pending}
        pendingLabel={t('releasing')}
        className="self-start"
        onClick={async () => {
          setPending(true);
          const result = await releaseSummary({ childId, entryId }).catch(() => null);
          setPending(false);
          if (result?.ok) router.refresh();
          else setError(result?.formError ?? tForms('connectionLost'));
        }}
      >
        {t('releaseSummary')}
      </Button>
    </div>
  );
}
