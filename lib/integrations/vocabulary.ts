/** What an EHR connection may do, as SMART Backend Services scopes (client-safe: forms list them). */
export const integrationScopes = ['system/*.write', 'system/*.read'] as const;
export type IntegrationScope = (typeof integrationScopes)[number];

/** A scope's catalog key (staffForms.scopes.write): catalog keys cannot hold the scope's dots. */
export function scopeKey(scope: IntegrationScope): 'write' | 'read' {
  return scope === 'system/*.write' ? 'write' : 'read';
}
