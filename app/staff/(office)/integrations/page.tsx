import type { Metadata } from 'next';

import { getDb } from '@/db';
import { requireStaff } from '@/lib/authz';
import { formatDate } from '@/lib/dates';
import { listIntegrationClients } from '@/lib/integrations/clients';
import { integrationScopeLabels } from '@/lib/integrations/schemas';
import { integrationScopes } from '@/lib/integrations/vocabulary';
import { portalPage } from '@/lib/page';

import { DisableIntegrationButton } from './_components/disable-integration-button';
import { RegisterIntegrationForm } from './_components/register-integration-form';

export const metadata: Metadata = { title: 'Health record system connections' };

const scopeWords = (scope: string) =>
  integrationScopes.includes(scope as never)
    ? integrationScopeLabels[scope as (typeof integrationScopes)[number]]
    : scope;

export default portalPage(async function IntegrationsPage() {
  await requireStaff('admin');
  const clients = await listIntegrationClients(await getDb());
  return (
    <div className="flex flex-col gap-8">
      <div>
        <h1 className="text-2xl font-bold">Health record system connections</h1>
        <p className="text-slate-700">
          Systems listed here can send charts to the portal (FHIR, SMART Backend Services). See
          “Connecting your EHR” in the README for the steps.
        </p>
      </div>
      <section aria-labelledby="integrations-heading" className="flex flex-col gap-3">
        <h2 id="integrations-heading" className="text-xl font-semibold">
          Connected systems
        </h2>
        {clients.length === 0 ? <p>No system is connected yet.</p> : null}
        <ul className="flex flex-col gap-3">
          {clients.map((client) => (
            <li
              key={client.id}
              className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
            >
              <p className="font-semibold">{client.name}</p>
              <p className="text-sm text-slate-700">
                Client ID <code className="break-all">{client.id}</code> · added{' '}
                {formatDate(client.createdAt.toISOString().slice(0, 10))} · keys{' '}
                {client.keys.join(', ')}
              </p>
              <p className="text-sm text-slate-700">{client.scopes.map(scopeWords).join(', ')}</p>
              {client.disabledAt ? (
                <p className="mt-2 font-semibold text-red-800">
                  Disabled {formatDate(client.disabledAt.toISOString().slice(0, 10))}
                </p>
              ) : (
                <div className="mt-3">
                  <DisableIntegrationButton clientId={client.id} name={client.name} />
                </div>
              )}
            </li>
          ))}
        </ul>
      </section>
      <section
        aria-labelledby="connect-heading"
        className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
      >
        <h2 id="connect-heading" className="mb-4 text-xl font-semibold">
          Connect a system
        </h2>
        <RegisterIntegrationForm />
      </section>
    </div>
  );
});
