'use server';

import { defineAction } from '@/lib/action';
import { disableIntegrationClient, registerIntegrationClient } from '@/lib/integrations/clients';
import { integrationIdSchema, registerIntegrationSchema } from '@/lib/integrations/schemas';

const admins = { kind: 'staff', roles: ['admin'] } as const;

export const registerIntegration = defineAction(
  {
    name: 'integrations.register',
    schema: registerIntegrationSchema,
    access: admins,
    audit: 'integration.client_registered',
  },
  async ({ input, tx, session, describeAudit }) => {
    const client = await registerIntegrationClient(tx, session.user.id, input);
    // The scopes are on the client's row (and its row-change record); typed text stays out.
    describeAudit({ targetType: 'integration_client', targetId: client.id });
    return { data: { clientId: client.id } };
  },
);

export const disableIntegration = defineAction(
  {
    name: 'integrations.disable',
    schema: integrationIdSchema,
    access: admins,
    audit: 'integration.client_disabled',
  },
  async ({ input, tx, session, describeAudit }) => {
    await disableIntegrationClient(tx, session.user.id, input.clientId);
    describeAudit({ targetType: 'integration_client', targetId: input.clientId });
    return { data: null };
  },
);
