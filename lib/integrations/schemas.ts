import { z } from 'zod';

import { integrationScopes } from '@/lib/integrations/vocabulary';

export const integrationScopeLabels: Record<(typeof integrationScopes)[number], string> = {
  'system/*.write': 'Send records (import into charts)',
  'system/*.read': 'Read records (not used yet)',
};

/** One form: the admin's registration of an EHR, shared by the page and the action. */
export const registerIntegrationSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name, such as the EHR’s.').max(100),
  publicKey: z
    .string()
    .trim()
    .min(1, 'Paste the system’s public key: a JWKS (JSON) or a PEM block.')
    .max(20_000, 'That key is too long. Paste only the public key.'),
  scopes: z.array(z.enum(integrationScopes)).min(1, 'Choose at least one permission.'),
});
export type RegisterIntegration = z.infer<typeof registerIntegrationSchema>;

export const integrationIdSchema = z.object({ clientId: z.uuid() });
