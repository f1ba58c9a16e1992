import 'server-only';

import { and, eq, gt, isNull, sql } from 'drizzle-orm';

import type { Database } from '@/db';
import { children, guardianships, pins } from '@/db/schema';
import type { RequestMeta } from '@/lib/audit/events';
import { auditedTransaction } from '@/lib/audit/transaction';
import { actorFor } from '@/lib/auth/actors';
import type { SignedInUser } from '@/lib/auth/sessions';
import { relationshipLabels } from '@/lib/children/relationships';
import type { LinkChildInput } from '@/lib/children/schemas';
import { env } from '@/lib/env';
import { pinHmac } from '@/lib/pins/pin';
import { claimTry, releaseTry } from '@/lib/rate-limit';

const PIN_FAILURE_LIMIT = 5;
const PIN_FAILURE_WINDOW_SECONDS = 3600;

export type LinkResult =
  | { ok: true; childId: string; childFirstName: string }
  | { ok: false; reason: 'no_match' | 'already_linked' | 'paused' };

function failureBuckets(user: SignedInUser, meta: RequestMeta): string[] {
  return [
    `pin-failures:user:${user.id}`,
    ...(meta.ipAddress ? [`pin-failures:ip:${meta.ipAddress}`] : []),
  ];
}

/**
 * Links a child to a parent's account with an office-issued PIN and the child's date of birth.
 * Wrong, expired, cancelled and used PINs all fail the same way, and every failure counts
 * toward a pause (5 an hour, per account and per address), so PINs cannot be guessed.
 */
export async function linkChildWithPin(
  db: Database,
  user: SignedInUser,
  input: LinkChildInput,
  meta: RequestMeta,
  now = new Date(),
  today: string,
): Promise<LinkResult> {
  const actor = actorFor(user);
  const buckets = failureBuckets(user, meta);
  // Each try claims its place under every limit before the PIN is looked at, in one statement
  // per limit: of 40 simultaneous tries at most 5 are checked. A PIN that works hands its
  // claims back, so only failures fill the hour.
  const granted: string[] = [];
  for (const bucket of buckets) {
    if (await claimTry(db, bucket, PIN_FAILURE_LIMIT, PIN_FAILURE_WINDOW_SECONDS, now)) {
      granted.push(bucket);
      continue;
    }
    for (const taken of granted) await releaseTry(db, taken, PIN_FAILURE_WINDOW_SECONDS, now);
    await auditedTransaction(db, actor, meta, ({ audit }) =>
      audit({
        action: 'guardianship.link_failed',
        outcome: 'denied',
        metadata: { reason: 'paused' },
      }),
    );
    return { ok: false, reason: 'paused' };
  }

  const hmac = pinHmac(input.pin);
  const relationship =
    input.relationship === 'other'
      ? input.relationshipOther
      : relationshipLabels[input.relationship];
  const usable = and(
    eq(pins.pinHmac, hmac),
    isNull(pins.redeemedAt),
    isNull(pins.cancelledAt),
    gt(pins.expiresAt, now),
    sql`exists (select 1 from ${children} where ${children.id} = ${pins.childId} and ${children.dateOfBirth} = ${input.dateOfBirth}::date
                and (${children.dateOfBirth} + make_interval(years => ${env().AGE_OF_MAJORITY})) > ${today}::date)`,
  );

  const outcome = await auditedTransaction(db, actor, meta, async ({ tx, audit }) => {
    // Already linked: say so and leave the PIN for whoever it was meant for.
    const [already] = await tx
      .select({ childId: pins.childId })
      .from(pins)
      .innerJoin(
        guardianships,
        and(
          eq(guardianships.childId, pins.childId),
          eq(guardianships.guardianUserId, user.id),
          eq(guardianships.status, 'active'),
        ),
      )
      .where(usable);
    if (already) {
      for (const bucket of buckets) await releaseTry(tx, bucket, PIN_FAILURE_WINDOW_SECONDS, now);
      await audit({
        action: 'guardianship.link_failed',
        outcome: 'denied',
        childId: already.childId,
        metadata: { reason: 'already_linked' },
      });
      return { ok: false as const, reason: 'already_linked' as const };
    }

    // One statement claims the PIN: of two tabs (or ten requests) only one finds it unredeemed.
    const [claimed] = await tx
      .update(pins)
      .set({ redeemedAt: now, redeemedBy: user.id })
      .where(usable)
      .returning({ id: pins.id, childId: pins.childId });
    if (!claimed) return null;
    for (const bucket of buckets) await releaseTry(tx, bucket, PIN_FAILURE_WINDOW_SECONDS, now);

    const [link] = await tx
      .insert(guardianships)
      .values({
        childId: claimed.childId,
        guardianUserId: user.id,
        relationship,
        pinId: claimed.id,
        linkedAt: now,
      })
      .returning({ id: guardianships.id });
    const [child] = await tx
      .select({ firstName: children.firstName, preferredName: children.preferredName })
      .from(children)
      .where(eq(children.id, claimed.childId));
    await audit({
      action: 'guardianship.linked',
      childId: claimed.childId,
      targetType: 'guardianship',
      targetId: link!.id,
      metadata: { pinId: claimed.id, relationship: input.relationship },
    });
    return {
      ok: true as const,
      childId: claimed.childId,
      childFirstName: child!.preferredName ?? child!.firstName,
    };
  });
  if (outcome) return outcome;

  // The claims made above already count this failure, committed before the PIN was checked.
  await auditedTransaction(db, actor, meta, async ({ audit }) => {
    await audit({
      action: 'guardianship.link_failed',
      outcome: 'denied',
      metadata: { reason: 'no_match' },
    });
  });
  return { ok: false, reason: 'no_match' };
}
