'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { ActionForm } from '@/components/forms/action-form';
import { SubmitButton } from '@/components/forms/fields';
import { useActionForm } from '@/components/forms/use-action-form';
import { Alert } from '@/components/ui/alert';
import { TextAreaField, TextField } from '@/components/ui/field';
import { registerIntegrationSchema } from '@/lib/integrations/schemas';
import { integrationScopes, scopeKey } from '@/lib/integrations/vocabulary';

import { registerIntegration } from '../actions';

export function RegisterIntegrationForm() {
  const t = useTranslations('staffForms.integration');
  const tScopes = useTranslations('staffForms.scopes');
  const router = useRouter();
  const [clientId, setClientId] = useState<string | null>(null);
  const submission = useActionForm({
    schema: registerIntegrationSchema,
    action: registerIntegration,
    defaultValues: { name: '', publicKey: '', scopes: ['system/*.write'] },
    onSuccess: (data) => {
      setClientId(data.clientId);
      form.reset();
      router.refresh();
    },
  });
  const { form, errorOf } = submission;
  const { register, formState } = form;
  return (
    <ActionForm
      form={submission}
      requiredNote={false}
      className="flex flex-col gap-4"
      aria-label={t('label')}
    >
      {clientId ? (
        <Alert tone="success">
          {t.rich('connected', {
            id: clientId,
            code: (chunks) => <code className="break-all">{chunks}</code>,
          })}
        </Alert>
      ) : null}
      <TextField
        id="integration-name"
        label={t('name')}
        hint={t('nameHint')}
        error={errorOf('name')}
        {...register('name')}
      />
      <TextAreaField
        id="integration-publicKey"
        label={t('publicKey')}
        hint={t('publicKeyHint')}
        rows={6}
        className="font-mono text-sm"
        error={errorOf('publicKey')}
        {...register('publicKey')}
      />
      <fieldset aria-describedby={errorOf('scopes') ? 'integration-scopes-error' : undefined}>
        <legend className="font-medium">{t('scopes')}</legend>
        <div className="mt-2 flex flex-wrap gap-4">
          {integrationScopes.map((scope) => (
            <label key={scope} className="inline-flex min-h-11 items-center gap-2">
              <input type="checkbox" value={scope} className="size-5" {...register('scopes')} />
              {tScopes(scopeKey(scope))}
            </label>
          ))}
        </div>
        {errorOf('scopes') ? (
          <p
            id="integration-scopes-error"
            role="alert"
            className="text-sm font-medium text-red-700"
          >
            {errorOf('scopes')}
          </p>
        ) : null}
      </fieldset>
      <SubmitButton pending={formState.isSubmitting} pendingLabel={t('connecting')}>
        {t('submit')}
      </SubmitButton>
    </ActionForm>
  );
}
