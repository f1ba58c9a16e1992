import { and, eq } from 'drizzle-orm';

import type { Database, Db } from '@/db';
import { requestFiles, serviceRequests } from '@/db/schema';
import type { RequestMeta } from '@/lib/audit/events';
import { auditedTransaction } from '@/lib/audit/transaction';
import { actorFor } from '@/lib/auth/actors';
import type { SignedInUser } from '@/lib/auth/sessions';
import { downloadResponse } from '@/lib/files/response';
import { fileStore } from '@/lib/files/storage';
import type { StaffRole } from '@/lib/staff/vocabulary';

import { getGuardianRequest } from './parent';
import { kindsFor } from './vocabulary';

async function fileOf(db: Db, requestId: string, fileId: string) {
  const [file] = await db
    .select({
      id: requestFiles.id,
      purpose: requestFiles.purpose,
      mediaType: requestFiles.mediaType,
    })
    .from(requestFiles)
    .where(and(eq(requestFiles.id, fileId), eq(requestFiles.requestId, requestId)));
  if (!file) return null;
  const bytes = await fileStore().read(db, file.id);
  return bytes ? { ...file, bytes } : null;
}

/** A file of a request the guardian made and may still see; null otherwise (the route answers 404). */
export async function readFileForGuardian(
  db: Db,
  guardianUserId: string,
  requestId: string,
  fileId: string,
  today: string,
) {
  const request = await getGuardianRequest(db, guardianUserId, requestId, today);
  if (!request) return null;
  const file = await fileOf(db, requestId, fileId);
  return file ? { ...file, kind: request.kind, childId: request.childId } : null;
}

/** A file of a request in one of this staff member's queues; null otherwise. */
export async function readFileForStaff(
  db: Db,
  roles: readonly StaffRole[],
  requestId: string,
  fileId: string,
) {
  const [request] = await db
    .select({ kind: serviceRequests.kind, childId: serviceRequests.childId })
    .from(serviceRequests)
    .where(eq(serviceRequests.id, requestId));
  if (!request || !kindsFor(roles).includes(request.kind)) return null;
  const file = await fileOf(db, requestId, fileId);
  return file ? { ...file, kind: request.kind, childId: request.childId } : null;
}

type ReadableFile = NonNullable<Awaited<ReturnType<typeof readFileForStaff>>>;

/**
 * A file the reader may see (readFileForGuardian, readFileForStaff), as a download, with its
 * `request.file_downloaded` event: parents and staff are audited alike.
 */
export async function auditedDownload(
  db: Database,
  user: Pick<SignedInUser, 'id' | 'kind' | 'roles'>,
  meta: RequestMeta,
  requestId: string,
  file: ReadableFile,
): Promise<Response> {
  await auditedTransaction(db, actorFor(user), meta, ({ audit }) =>
    audit({
      action: 'request.file_downloaded',
      childId: file.childId,
      targetType: 'request_file',
      targetId: file.id,
      metadata: { requestId, purpose: file.purpose },
    }),
  );
  return downloadResponse(file, file.kind);
}
