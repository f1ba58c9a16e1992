import 'server-only';

import { and, eq, isNull } from 'drizzle-orm';

import type { Db } from '@/db';
import { children, pins } from '@/db/schema';
import { isMinorOn } from '@/lib/children/age';
import type { IssuePinInput } from '@/lib/children/schemas';
import { todayInPractice } from '@/lib/dates';
import { env } from '@/lib/env';
import { AppError, isUniqueViolation } from '@/lib/errors';

import { formatPin, generatePin, pinHmac } from './pin';

export interface IssuedPin {
  pinId: string;
  /** Shown once, on screen and on the letter; never stored. */
  pin: string;
  expiresAt: string;
  /** The letter's dates, on the practice's calendar. */
  issuedOn: string;
  expiresOn: string;
  guardianName: string;
  childFirstName: string;
  childDateOfBirth: string;
  cancelledOlderPins: number;
}

function guardianKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-US');
}

/**
 * Issues a one-time PIN for one guardian of one child, after the office has verified the
 * caller. An older unredeemed PIN for the same intended guardian of the same child is cancelled,
 * so only the newest letter works.
 */
export async function issuePin(
  db: Db,
  staffUserId: string,
  input: IssuePinInput,
  now = new Date(),
): Promise<IssuedPin> {
  const [child] = await db
    .select({
      id: children.id,
      firstName: children.firstName,
      preferredName: children.preferredName,
      dateOfBirth: children.dateOfBirth,
    })
    .from(children)
    .where(eq(children.id, input.childId));
  if (!child) throw new AppError('not_found');
  if (!isMinorOn(child.dateOfBirth, todayInPractice(now))) {
    throw new AppError('invalid', 'errors.pinPatientAdult', {
      values: { age: env().AGE_OF_MAJORITY },
    });
  }

  const key = guardianKey(input.guardianName);
  const cancelled = await db
    .update(pins)
    .set({ cancelledAt: now, cancelledBy: staffUserId, cancelReason: 'reissued' })
    .where(
      and(
        eq(pins.childId, child.id),
        eq(pins.intendedGuardianKey, key),
        isNull(pins.redeemedAt),
        isNull(pins.cancelledAt),
      ),
    )
    .returning({ id: pins.id });

  const expiresAt = new Date(now.getTime() + env().PIN_TTL_DAYS * 86_400_000);
  // A collision among 31^10 codes is vanishingly rare; try again rather than fail.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const pin = generatePin();
    try {
      const [row] = await db
        .insert(pins)
        .values({
          childId: child.id,
          pinHmac: pinHmac(pin),
          intendedGuardianName: input.guardianName,
          intendedGuardianKey: key,
          intendedRelationship: input.relationship,
          verification: {
            confirmedDateOfBirth: input.confirmedDateOfBirth,
            confirmedAddressOrPhone: input.confirmedAddressOrPhone,
            other: input.otherVerification || null,
          },
          issuedBy: staffUserId,
          issuedAt: now,
          expiresAt,
        })
        .returning({ id: pins.id });
      return {
        pinId: row!.id,
        pin: formatPin(pin),
        expiresAt: expiresAt.toISOString(),
        issuedOn: todayInPractice(now),
        expiresOn: todayInPractice(expiresAt),
        guardianName: input.guardianName,
        childFirstName: child.preferredName ?? child.firstName,
        childDateOfBirth: child.dateOfBirth,
        cancelledOlderPins: cancelled.length,
      };
    } catch (error) {
      if (!isUniqueViolation(error, 'pins_pin_hmac_key')) throw error;
    }
  }
  throw new Error('could not generate a unique PIN');
}

export async function cancelPin(
  db: Db,
  staffUserId: string,
  pinId: string,
  now = new Date(),
): Promise<{ childId: string }> {
  const [row] = await db
    .update(pins)
    .set({ cancelledAt: now, cancelledBy: staffUserId, cancelReason: 'cancelled_by_staff' })
    .where(and(eq(pins.id, pinId), isNull(pins.redeemedAt), isNull(pins.cancelledAt)))
    .returning({ childId: pins.childId });
  if (!row) throw new AppError('not_found', 'errors.pinAlreadyUsed');
  return row;
}
