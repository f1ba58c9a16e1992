import type { Metadata } from 'next';

import { getDb } from '@/db';
import { requireStaff } from '@/lib/authz';
import { formatDate } from '@/lib/dates';
import { getLocale, getT } from '@/lib/i18n/server';
import { listIntegrationClients } from '@/lib/integrations/clients';
import { integrationScopes, scopeKey } from '@/lib/integrations/vocabulary';
import { portalPage } from '@/lib/page';

import { DisableIntegrationButton } from './_components/disable-integration-button';
import { RegisterIntegrationForm } from './_components/register-integration-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getT('staff.integrations');
  return { title: t('title') };
}

export default portalPage(async function IntegrationsPage() {
  await requireStaff('admin');
  const clients = await listIntegrationClients(await getDb());
  const [t, tScopes, locale] = await Promise.all([
    getT('staff.integrations'),
    getT('staffForms.scopes'),
    getLocale(),
  ]);
  const scopeWords = (scope: string) =>
    integrationScopes.includes(scope as never)
      ? tScopes(scopeKey(scope as (typeof integrationScopes)[number]))
      : scope;
  const day = (moment: Date) => formatDate(moment.toISOString().slice(0, 10), locale);
  return (
    <div className="flex flex-col gap-8">
      <div>
        <h1 className="text-2xl font-bold">{t('title')}</h1>
        <p className="text-slate-700">{t('intro')}</p>
      </div>
      <section aria-labelledby="integrations-heading" className="flex flex-col gap-3">
        <h2 id="integrations-heading" className="text-xl font-semibold">
          {t('connected')}
        </h2>
        {clients.length === 0 ? <p>{t('none')}</p> : null}
        <ul className="flex flex-col gap-3">
          {clients.map((client) => (
            <li
              key={client.id}
              className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
            >
              <p className="font-semibold">{client.name}</p>
              <p className="text-sm text-slate-700">
                {t.rich('clientLine', {
                  id: client.id,
                  added: day(client.createdAt),
                  keys: client.keys.join(', '),
                  code: (chunks) => <code className="break-all">{chunks}</code>,
                })}
              </p>
              <p className="text-sm text-slate-700">{client.scopes.map(scopeWords).join(', ')}</p>
              {client.disabledAt ? (
                <p className="mt-2 font-semibold text-red-800">
                  {t('disabledOn', { date: day(client.disabledAt) })}
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
          {t('connect')}
        </h2>
        <RegisterIntegrationForm />
      </section>
    </div>
  );
});
