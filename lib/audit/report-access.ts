import 'server-only';

import type { Database } from '@/db';
import { actorFor } from '@/lib/auth/actors';
import type { ActiveSession } from '@/lib/auth/sessions';
import { currentRequestMeta } from '@/lib/request-context';

import type { AuditFilters } from './report-filters';
import { auditedTransaction } from './transaction';

/**
 * Reading the audit trail is itself recorded. Only which filters were used goes in the
 * metadata, never the names or chart numbers typed into them.
 */
export async function recordAuditTrailAccess(
  db: Database,
  session: ActiveSession,
  action: 'audit.viewed' | 'audit.exported',
  filters: AuditFilters,
  extra: Record<string, unknown> = {},
) {
  await auditedTransaction(db, actorFor(session.user), await currentRequestMeta(), ({ audit }) =>
    audit({
      action,
      targetType: 'audit_trail',
      metadata: {
        from: filters.from,
        to: filters.to,
        actorFiltered: filters.actor !== '',
        childFiltered: filters.child !== '',
        group: filters.group || null,
        outcome: filters.outcome || null,
        sort: filters.sort,
        dir: filters.dir,
        ...extra,
      },
    }),
  );
}
