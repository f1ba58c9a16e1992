import { notFound } from 'next/navigation';

import { getDb } from '@/db';
import { auditedTransaction } from '@/lib/audit/transaction';
import { actorFor } from '@/lib/auth/actors';
import { isUuid, requireParent } from '@/lib/authz';
import { todayInPractice } from '@/lib/dates';
import { downloadResponse } from '@/lib/files/response';
import { currentRequestMeta } from '@/lib/request-context';
import { readFileForGuardian } from '@/lib/requests/files';

/**
 * A file of the parent's own request (the blank form they sent, the completed one from the
 * office): the live link is checked in the query, the download is audited before it is sent.
 */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ requestId: string; fileId: string }> },
) {
  const { requestId, fileId } = await params;
  const session = await requireParent();
  if (!isUuid(requestId) || !isUuid(fileId)) notFound();
  const db = await getDb();
  const file = await readFileForGuardian(db, session.user.id, requestId, fileId, todayInPractice());
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
