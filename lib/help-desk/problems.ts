import { createHash } from 'node:crypto';
import { and, count, desc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';

import type { Db } from '@/db';
import { signInProblems, users } from '@/db/schema';
import { AppError } from '@/lib/errors';
import type { Locale } from '@/lib/i18n/locales';
import type { OutgoingMail } from '@/lib/mail/outbox';
import { claimTry } from '@/lib/rate-limit';

import { signInProblemReceivedMessage } from './emails';
import { contactEmail, type signInProblemSchema } from './schemas';
import type { SignInProblemStatus } from './vocabulary';

/** Acknowledgements one address can be sent in a day, however many reports name it. */
const ACKNOWLEDGEMENTS_PER_ADDRESS_PER_DAY = 3;

/**
 * "Tell us about a problem signing in": stored for the office to call back, with a PHI-free
 * acknowledgement when the way to reach them is an email address.
 */
export async function reportSignInProblem(
  db: Db,
  input: z.infer<typeof signInProblemSchema>,
  locale: Locale,
  now = new Date(),
): Promise<{ problemId: string; mail: OutgoingMail | null }> {
  const [row] = await db
    .insert(signInProblems)
    .values({ ...input, locale, createdAt: now })
    .returning({ id: signInProblems.id });
  if (!row) throw new Error('sign-in problem insert returned no row');
  const address = contactEmail(input.contact);
  if (!address) return { problemId: row.id, mail: null };
  const digest = createHash('sha256').update(address.toLowerCase()).digest('base64url');
  const allowed = await claimTry(
    db,
    `help-desk-ack:${digest}`,
    ACKNOWLEDGEMENTS_PER_ADDRESS_PER_DAY,
    86_400,
    now,
  );
  return {
    problemId: row.id,
    mail: allowed
      ? {
          ...signInProblemReceivedMessage(locale, input.name),
          to: address,
          idempotencyKey: `help-desk-ack:${row.id}`,
        }
      : null,
  };
}

const OPEN: SignInProblemStatus[] = ['new', 'called_back'];

/** The office's queue: reports still open, oldest first would bury new ones, so newest first. */
export async function listOpenSignInProblems(db: Db, limit = 50) {
  const rows = await db
    .select({
      id: signInProblems.id,
      name: signInProblems.name,
      contact: signInProblems.contact,
      description: signInProblems.description,
      locale: signInProblems.locale,
      status: signInProblems.status,
      createdAt: signInProblems.createdAt,
      handledAt: signInProblems.handledAt,
      handledByFirstName: users.firstName,
      handledByLastName: users.lastName,
    })
    .from(signInProblems)
    .leftJoin(users, eq(users.id, signInProblems.handledBy))
    .where(inArray(signInProblems.status, OPEN))
    .orderBy(desc(signInProblems.createdAt))
    .limit(limit);
  const [open] = await db
    .select({ n: count() })
    .from(signInProblems)
    .where(inArray(signInProblems.status, OPEN));
  return { rows, total: open?.n ?? 0 };
}

/** A staff member notes that they called back, or closes the report. */
export async function setSignInProblemStatus(
  db: Db,
  problemId: string,
  status: Exclude<SignInProblemStatus, 'new'>,
  staffUserId: string,
  now = new Date(),
): Promise<{ from: SignInProblemStatus }> {
  const [current] = await db
    .select({ status: signInProblems.status })
    .from(signInProblems)
    .where(eq(signInProblems.id, problemId))
    .for('update');
  if (!current) throw new AppError('not_found');
  if (current.status === 'closed') throw new AppError('conflict', 'errors.helpDeskProblemClosed');
  await db
    .update(signInProblems)
    .set({ status, handledBy: staffUserId, handledAt: now })
    .where(and(eq(signInProblems.id, problemId), eq(signInProblems.status, current.status)));
  return { from: current.status };
}
