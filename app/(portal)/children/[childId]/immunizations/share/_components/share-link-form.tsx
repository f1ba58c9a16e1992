'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { ActionForm } from '@/components/forms/action-form';
import { useActionForm } from '@/components/forms/use-action-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { SHARE_LABEL_MAX, shareLifetimes, type ShareLifetime } from '@/lib/records/share-lifetimes';

import { createShareLink } from '../../../actions';

interface MadeLink {
  url: string;
  accessCode: string | null;
  expiresAt: string;
}

function CopyButton({ text, label }: { text: string; label: string }) {
  const t = useTranslations('shareLinks');
  const [copied, setCopied] = useState(false);
  return (
    <Button
      variant="secondary"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setCopied(true);
        } catch {
          // Some browsers refuse the clipboard; the link is on screen to select by hand.
          setCopied(false);
        }
      }}
    >
      {copied ? t('copied') : label}
    </Button>
  );
}

/** Makes a link to the immunization record; the link and its code are shown once, here. */
export function ShareLinkForm({ childId, childName }: { childId: string; childName: string }) {
  const t = useTranslations('shareLinks');
  const router = useRouter();
  const [made, setMade] = useState<MadeLink | null>(null);
  const submission = useActionForm({
    schema: () =>
      import('@/lib/records/share-schemas').then((schemas) => schemas.createShareSchema),
    action: createShareLink,
    defaultValues: { childId, label: '', validFor: '1d', protectWithCode: true },
    onSuccess: (data) => {
      setMade(data);
      form.reset({ childId, label: '', validFor: '1d', protectWithCode: true });
      router.refresh();
    },
  });
  const { form, errorOf } = submission;
  const { register, formState } = form;

  return (
    <div className="flex flex-col gap-4">
      {made ? (
        <Alert tone="success" title={t('readyTitle')}>
          <div className="flex flex-col gap-3">
            <p>{t('readyText', { date: made.expiresAt })}</p>
            <p
              className="rounded-md border border-slate-300 bg-white p-2 font-mono text-sm break-all"
              data-testid="share-url"
            >
              {made.url}
            </p>
            {made.accessCode ? (
              <p>
                {t('code')}{' '}
                <strong className="font-mono text-xl tracking-widest" data-testid="share-code">
                  {made.accessCode}
                </strong>
                <br />
                {t('codeAdvice')}
              </p>
            ) : null}
            <div className="flex flex-wrap gap-2">
              <CopyButton text={made.url} label={t('copyLink')} />
              <Button variant="link" onClick={() => setMade(null)}>
                {t('another')}
              </Button>
            </div>
          </div>
        </Alert>
      ) : (
        <ActionForm form={submission} className="flex flex-col gap-4" aria-label={t('formLabel')}>
          <input type="hidden" {...register('childId')} />
          <TextField
            id="label"
            label={t('forWhom')}
            hint={t('forWhomHint', { max: SHARE_LABEL_MAX })}
            maxLength={SHARE_LABEL_MAX + 20}
            error={errorOf('label')}
            {...register('label')}
          />
          <SelectField
            id="validFor"
            label={t('worksFor')}
            required
            error={errorOf('validFor')}
            {...register('validFor')}
          >
            {(Object.keys(shareLifetimes) as ShareLifetime[]).map((key) => (
              <option key={key} value={key}>
                {t(`lifetime.${key}`)}
              </option>
            ))}
          </SelectField>
          <label className="inline-flex min-h-11 items-start gap-3">
            <input type="checkbox" className="mt-1 size-5" {...register('protectWithCode')} />
            <span>
              {t('protect')}
              <span className="block text-sm text-slate-600">{t('protectHint')}</span>
            </span>
          </label>
          <Button
            type="submit"
            pending={formState.isSubmitting}
            pendingLabel={t('making')}
            className="self-start"
          >
            {t('make', { name: childName })}
          </Button>
        </ActionForm>
      )}
    </div>
  );
}
