import { eq } from 'drizzle-orm';

import type { Db } from '@/db';
import { users } from '@/db/schema';
import { AppError } from '@/lib/errors';
import type { OutgoingMail } from '@/lib/mail/outbox';

import { createEmailVerification } from './email-verification';

export async function resendEmailVerification(
  db: Db,
  userId: string,
): Promise<OutgoingMail | null> {
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      firstName: users.firstName,
      emailVerifiedAt: users.emailVerifiedAt,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) throw new AppError('not_found');
  if (user.emailVerifiedAt) return null;
  return createEmailVerification(db, user);
}
