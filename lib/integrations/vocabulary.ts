/** What an EHR connection may do, as SMART Backend Services scopes (client-safe: forms list them). */
export const integrationScopes = ['system/*.write', 'system/*.read'] as const;
export type IntegrationScope = (typeof integrationScopes)[number];
