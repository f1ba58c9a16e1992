import { notFound } from 'next/navigation';

import { getDb } from '@/db';
import { isUuid, requireStaff } from '@/lib/authz';
import { currentRequestMeta } from '@/lib/request-context';
import { auditedDownload, readFileForStaff } from '@/lib/requests/files';

/** A request's file for the office: a request outside this person's queues is a 404. Audited. */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ requestId: string; fileId: string }> },
) {
  const { requestId, fileId } = await params;
  const session = await requireStaff('front_desk', 'clinical', 'admin');
  if (!isUuid(requestId) || !isUuid(fileId)) notFound();
  const db = await getDb();
  const file = await readFileForStaff(db, session.user.roles, requestId, fileId);
  if (!file) notFound();
  return auditedDownload(db, session.user, await currentRequestMeta(), requestId, file);
}
