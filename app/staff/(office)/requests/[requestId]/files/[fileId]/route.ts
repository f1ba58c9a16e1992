import { notFound } from 'next/navigation';

import { getDb } from '@/db';
import { auditedTransaction } from '@/lib/audit/transaction';
import { actorFor } from '@/lib/auth/actors';
import { isUuid, requireStaff } from '@/lib/authz';
import { downloadResponse } from '@/lib/files/response';
import { currentRequestMeta } from '@/lib/request-context';
import { readFileForStaff } from '@/lib/requests/files';

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
  await auditedTransaction(db, actorFor(session.user), await currentRequestMeta(), ({ audit }) =>
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
