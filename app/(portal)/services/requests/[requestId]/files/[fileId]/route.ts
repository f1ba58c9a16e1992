import { notFound } from 'next/navigation';

import { getDb } from '@/db';
import { isUuid, requireParent } from '@/lib/authz';
import { todayInPractice } from '@/lib/dates';
import { currentRequestMeta } from '@/lib/request-context';
import { auditedDownload, readFileForGuardian } from '@/lib/requests/files';

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
  return auditedDownload(db, session.user, await currentRequestMeta(), requestId, file);
}
