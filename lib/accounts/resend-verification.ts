import 'server-only';

import { eq } from 'drizzle-orm';

import type { Db } from '@/db';
import { users } from '@/db/schema';
import { AppError } from '@/lib/errors';
import type { OutgoingMail } from '@/lib/mail/outbox';

import { claimAccountEmail } from './email-caps';
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
      locale: users.locale,
      emailVerifiedAt: users.emailVerifiedAt,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) throw new AppError('not_found');
  if (user.emailVerifiedAt) return null;
  if (!(await claimAccountEmail(db, 'email-verification', user.id)))
    throw new AppError('rate_limited', 'errors.verificationEmailsCapped');
  return createEmailVerification(db, user);
}
