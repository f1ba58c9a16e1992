'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { ActionForm } from '@/components/forms/action-form';
import { useActionForm } from '@/components/forms/use-action-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextAreaField, TextField } from '@/components/ui/field';
import { integrationScopeLabels, registerIntegrationSchema } from '@/lib/integrations/schemas';
import { integrationScopes } from '@/lib/integrations/vocabulary';

import { registerIntegration } from '../actions';

export function RegisterIntegrationForm() {
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
      aria-label="Connect a health record system"
    >
      {clientId ? (
        <Alert tone="success">
          Connected. Give the system this client ID: <code className="break-all">{clientId}</code>
        </Alert>
      ) : null}
      <TextField
        id="integration-name"
        label="Name"
        hint="For example, the EHR’s name."
        error={errorOf('name')}
        {...register('name')}
      />
      <TextAreaField
        id="integration-publicKey"
        label="Public key"
        hint="A JWKS (JSON) or a PEM public key, RS384 or ES384. Never the private key."
        rows={6}
        className="font-mono text-sm"
        error={errorOf('publicKey')}
        {...register('publicKey')}
      />
      <fieldset aria-describedby={errorOf('scopes') ? 'integration-scopes-error' : undefined}>
        <legend className="font-medium">What it may do</legend>
        <div className="mt-2 flex flex-wrap gap-4">
          {integrationScopes.map((scope) => (
            <label key={scope} className="inline-flex min-h-11 items-center gap-2">
              <input type="checkbox" value={scope} className="size-5" {...register('scopes')} />
              {integrationScopeLabels[scope]}
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
      <Button
        type="submit"
        pending={formState.isSubmitting}
        pendingLabel="Connecting…"
        className="self-start"
      >
        Connect
      </Button>
    </ActionForm>
  );
}
