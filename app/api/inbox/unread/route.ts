import { getDb } from '@/db';
import { getCurrentSession } from '@/lib/auth/current';
import { todayInPractice } from '@/lib/dates';
import { countUnreadConversations } from '@/lib/messaging/parent';

export const dynamic = 'force-dynamic';

/** The Inbox badge asks here on each navigation, so the count is fresh without a full reload. */
export async function GET() {
  const session = await getCurrentSession();
  if (!session || session.user.kind !== 'parent')
    return Response.json(
      { error: 'not signed in' },
      { status: 401, headers: { 'Cache-Control': 'no-store' } },
    );
  const unread = await countUnreadConversations(await getDb(), session.user.id, todayInPractice());
  return Response.json({ unread }, { headers: { 'Cache-Control': 'no-store' } });
}
