'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { ActionForm } from '@/components/forms/action-form';
import { useActionForm } from '@/components/forms/use-action-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import {
  createShareSchema,
  SHARE_LABEL_MAX,
  shareLifetimes,
  type ShareLifetime,
} from '@/lib/records/share-schemas';

import { createShareLink } from '../../../actions';

interface MadeLink {
  url: string;
  accessCode: string | null;
  expiresAt: string;
}

function CopyButton({ text, label }: { text: string; label: string }) {
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
      {copied ? 'Copied' : label}
    </Button>
  );
}

/** Makes a link to the immunization record; the link and its code are shown once, here. */
export function ShareLinkForm({ childId, childName }: { childId: string; childName: string }) {
  const router = useRouter();
  const [made, setMade] = useState<MadeLink | null>(null);
  const submission = useActionForm({
    schema: createShareSchema,
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
        <Alert tone="success" title="Your link is ready">
          <div className="flex flex-col gap-3">
            <p>
              Send this link to the school nurse, daycare or camp. It works until {made.expiresAt}.
              This is the only time the portal shows it.
            </p>
            <p
              className="rounded-md border border-slate-300 bg-white p-2 font-mono text-sm break-all"
              data-testid="share-url"
            >
              {made.url}
            </p>
            {made.accessCode ? (
              <p>
                Code:{' '}
                <strong className="font-mono text-xl tracking-widest" data-testid="share-code">
                  {made.accessCode}
                </strong>
                <br />
                Tell them the code separately, for example by phone, not in the same email or text
                as the link.
              </p>
            ) : null}
            <div className="flex flex-wrap gap-2">
              <CopyButton text={made.url} label="Copy link" />
              <Button variant="link" onClick={() => setMade(null)}>
                Make another link
              </Button>
            </div>
          </div>
        </Alert>
      ) : (
        <ActionForm
          form={submission}
          className="flex flex-col gap-4"
          aria-label="Make a share link"
        >
          <input type="hidden" {...register('childId')} />
          <TextField
            id="label"
            label="Who is it for? (optional)"
            hint={`Only you see this, to tell your links apart. For example: Lincoln School nurse. At most ${SHARE_LABEL_MAX} characters.`}
            maxLength={SHARE_LABEL_MAX + 20}
            error={errorOf('label')}
            {...register('label')}
          />
          <SelectField
            id="validFor"
            label="The link works for"
            required
            error={errorOf('validFor')}
            {...register('validFor')}
          >
            {(Object.keys(shareLifetimes) as ShareLifetime[]).map((key) => (
              <option key={key} value={key}>
                {shareLifetimes[key].label}
              </option>
            ))}
          </SelectField>
          <label className="inline-flex min-h-11 items-start gap-3">
            <input type="checkbox" className="mt-1 size-5" {...register('protectWithCode')} />
            <span>
              Protect it with a 4-number code
              <span className="block text-sm text-slate-600">
                Recommended. Anyone who has the link also needs the code, which you tell them
                yourself.
              </span>
            </span>
          </label>
          <Button
            type="submit"
            pending={formState.isSubmitting}
            pendingLabel="Making the link…"
            className="self-start"
          >
            Make a link to {childName}’s immunization record
          </Button>
        </ActionForm>
      )}
    </div>
  );
}
