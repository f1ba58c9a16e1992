import 'server-only';

import { and, count, eq, isNull } from 'drizzle-orm';
import QRCode from 'qrcode';

import type { Db } from '@/db';
import { recoveryCodes, users } from '@/db/schema';
import { savedLocale } from '@/lib/accounts/language';
import { accountWithPassword } from '@/lib/accounts/settings';
import { endAllSessionsOfUser } from '@/lib/auth/sessions';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import type { OutgoingMail } from '@/lib/mail/outbox';
import { twoStepTurnedOffMessage } from '@/lib/mail/templates';

import {
  decryptTotpSecret,
  encryptTotpSecret,
  hashRecoveryCode,
  newRecoveryCode,
  RECOVERY_CODE_COUNT,
} from './crypto';
import { checkTotpCode, newTotpSecret, otpauthUri } from './totp';

/** A secret shown for enrolment is good for this long; after that the QR code must be shown again. */
const ENROLMENT_WINDOW_MINUTES = 30;

export interface EnrolmentStart {
  /** Base32, shown for typing into an app by hand. */
  secret: string;
  /** The same secret as a QR code (an SVG document) for the app's camera. */
  qrSvg: string;
}

async function twoStepState(db: Db, userId: string) {
  const [row] = await db
    .select({
      id: users.id,
      kind: users.kind,
      userId: users.userId,
      email: users.email,
      firstName: users.firstName,
      locale: users.locale,
      totpEnabledAt: users.totpEnabledAt,
      totpPendingSecret: users.totpPendingSecret,
      totpPendingCreatedAt: users.totpPendingCreatedAt,
    })
    .from(users)
    .where(eq(users.id, userId))
    .for('update');
  if (!row) throw new AppError('not_found');
  return row;
}

/**
 * Makes a new authenticator secret for this account and keeps it, encrypted, until a code
 * proves the app has it. Nothing changes for signing in until then.
 */
export async function startEnrolment(
  db: Db,
  userId: string,
  now = new Date(),
): Promise<EnrolmentStart> {
  const account = await twoStepState(db, userId);
  if (account.totpEnabledAt) throw new AppError('conflict', 'errors.twoStepAlreadyOn');
  const secret = newTotpSecret();
  await db
    .update(users)
    .set({ totpPendingSecret: encryptTotpSecret(secret), totpPendingCreatedAt: now })
    .where(eq(users.id, userId));
  const uri = otpauthUri(secret, env().PRACTICE_NAME, account.userId);
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, qrSvg };
}

async function replaceRecoveryCodes(db: Db, userId: string, now: Date): Promise<string[]> {
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db
    .insert(recoveryCodes)
    .values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code), createdAt: now })));
  return codes;
}

/**
 * Turns two-step verification on once a code from the new secret checks out, and returns ten
 * recovery codes: the only time they exist outside a hash.
 */
export async function confirmEnrolment(
  db: Db,
  userId: string,
  typedCode: string,
  now = new Date(),
): Promise<{ recoveryCodes: string[] }> {
  const account = await twoStepState(db, userId);
  if (account.totpEnabledAt) throw new AppError('conflict', 'errors.twoStepAlreadyOn');
  const fresh =
    account.totpPendingSecret &&
    account.totpPendingCreatedAt &&
    now.getTime() - account.totpPendingCreatedAt.getTime() < ENROLMENT_WINDOW_MINUTES * 60_000;
  if (!fresh || !account.totpPendingSecret) {
    throw new AppError('invalid', 'errors.twoStepSetupTooLong');
  }
  const secret = decryptTotpSecret(account.totpPendingSecret);
  const checked = checkTotpCode(secret, typedCode, null, now);
  if (!checked.valid) {
    throw new AppError('invalid', 'errors.correctFields', {
      fieldErrors: {
        code: 'validation.codeDidNotMatch',
      },
    });
  }
  await db
    .update(users)
    .set({
      totpSecret: account.totpPendingSecret,
      totpEnabledAt: now,
      totpLastUsedStep: checked.timeStep,
      totpPendingSecret: null,
      totpPendingCreatedAt: null,
    })
    .where(eq(users.id, userId));
  return { recoveryCodes: await replaceRecoveryCodes(db, userId, now) };
}

/** New recovery codes (the old ones stop working), after the current password. */
export async function renewRecoveryCodes(
  db: Db,
  userId: string,
  currentPassword: string,
  now = new Date(),
): Promise<{ recoveryCodes: string[] }> {
  await accountWithPassword(db, userId, currentPassword);
  const account = await twoStepState(db, userId);
  if (!account.totpEnabledAt) throw new AppError('conflict', 'errors.twoStepNotOn');
  return { recoveryCodes: await replaceRecoveryCodes(db, userId, now) };
}

function clearedTwoStep() {
  return {
    totpSecret: null,
    totpEnabledAt: null,
    totpLastUsedStep: null,
    totpPendingSecret: null,
    totpPendingCreatedAt: null,
  };
}

/** A parent turns it off (after the current password). Staff cannot: for them it is required. */
export async function turnOffTwoStep(
  db: Db,
  userId: string,
  currentPassword: string,
  now = new Date(),
): Promise<{ mail: OutgoingMail }> {
  const account = await accountWithPassword(db, userId, currentPassword);
  const state = await twoStepState(db, userId);
  if (state.kind !== 'parent') throw new AppError('forbidden', 'errors.twoStepRequiredForStaff');
  if (!state.totpEnabledAt) throw new AppError('conflict', 'errors.twoStepAlreadyOff');
  await db.update(users).set(clearedTwoStep()).where(eq(users.id, userId));
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  return {
    mail: {
      ...twoStepTurnedOffMessage(savedLocale(state.locale), account.firstName, 'by_parent'),
      to: account.email,
      idempotencyKey: `two-step-off:${userId}:${now.getTime()}`,
    },
  };
}

/**
 * The office's reset, for a lost phone and no recovery codes: the secret and codes are gone and
 * every session ends. Staff set it up again at their next sign-in; parents may.
 */
export async function resetTwoStepByStaff(
  db: Db,
  accountId: string,
  now = new Date(),
): Promise<{
  wasOn: boolean;
  kind: 'parent' | 'staff';
  sessionsEnded: number;
  mail: OutgoingMail;
}> {
  const state = await twoStepState(db, accountId);
  await db.update(users).set(clearedTwoStep()).where(eq(users.id, accountId));
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, accountId));
  const sessionsEnded = await endAllSessionsOfUser(db, accountId, 'ended_by_staff', now);
  return {
    wasOn: state.totpEnabledAt !== null,
    kind: state.kind,
    sessionsEnded,
    mail: {
      ...twoStepTurnedOffMessage(
        savedLocale(state.locale),
        state.firstName,
        state.kind === 'staff' ? 'by_office_staff' : 'by_office_parent',
      ),
      to: state.email,
      idempotencyKey: `two-step-reset:${accountId}:${now.getTime()}`,
    },
  };
}

export async function recoveryCodesLeft(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ value: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return row?.value ?? 0;
}
