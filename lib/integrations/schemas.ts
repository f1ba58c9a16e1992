import { z } from 'zod';

import { integrationScopes } from '@/lib/integrations/vocabulary';

/** One form: the admin's registration of an EHR, shared by the page and the action. */
export const registerIntegrationSchema = z.object({
  name: z.string().trim().min(1, 'validation.integrationNameRequired').max(100),
  publicKey: z
    .string()
    .trim()
    .min(1, 'validation.integrationKeyRequired')
    .max(20_000, 'validation.integrationKeyTooLong'),
  scopes: z.array(z.enum(integrationScopes)).min(1, 'validation.integrationScopesRequired'),
});
export type RegisterIntegration = z.infer<typeof registerIntegrationSchema>;

export const integrationIdSchema = z.object({ clientId: z.uuid() });
