import 'server-only';

import { and, eq, gt, isNull } from 'drizzle-orm';

import type { Db } from '@/db';
import { passwordResets, staffSetupLinks, users, type AccountKind } from '@/db/schema';
import type { RequestMeta } from '@/lib/audit/events';
import type { AuditedTransaction } from '@/lib/audit/transaction';
import { env } from '@/lib/env';

import { createSession, endAllSessionsOfUser } from './sessions';
import { hashToken, newSecretToken } from './tokens';

/**
 * The single-use links the portal emails (a parent's password reset, a new staff member's
 * set-up): each table holds only the token's hash, a lifetime, and when it was used or revoked.
 */
type LinkTable = typeof passwordResets | typeof staffSetupLinks;

/**
 * What finishing a link needs of its account: who it is (the new password may not contain their
 * names), whether it may still sign in, and whether a second step follows.
 */
export const linkHolderColumns = {
  id: users.id,
  kind: users.kind,
  userId: users.userId,
  email: users.email,
  firstName: users.firstName,
  lastName: users.lastName,
  passwordHash: users.passwordHash,
  disabledAt: users.disabledAt,
  totpEnabledAt: users.totpEnabledAt,
};

/** A new link row for the account, and the URL (on `path`) that carries its token. */
export async function insertEmailedLink(
  db: Db,
  table: LinkTable,
  link: { userId: string; path: string; now: Date; lifetimeMs: number },
): Promise<{ id: string; url: string }> {
  const token = newSecretToken();
  const [row] = await db
    .insert(table)
    .values({
      userId: link.userId,
      tokenHash: hashToken(token),
      createdAt: link.now,
      expiresAt: new Date(link.now.getTime() + link.lifetimeMs),
    })
    .returning({ id: table.id });
  // From PUBLIC_URL, never from the request: a forged Host header must not redirect the link.
  const url = new URL(link.path, env().PUBLIC_URL);
  url.searchParams.set('token', token);
  return { id: row!.id, url: url.toString() };
}

/** Neither used, revoked nor expired: the one rule for a link that still works. */
const stillUsable = (table: LinkTable, now: Date) =>
  and(isNull(table.usedAt), isNull(table.revokedAt), gt(table.expiresAt, now));

/** The link of this token, if it still works. */
export function usableEmailedLink(table: LinkTable, token: string, now: Date) {
  return and(eq(table.tokenHash, hashToken(token)), stillUsable(table, now));
}

/**
 * Why a token found no usable link, for the audit trail (the person is told only that the link
 * no longer works), and whose link it was.
 */
export async function whyLinkRefused(
  db: Db,
  table: LinkTable,
  token: string,
  now: Date,
): Promise<{ reason: 'unknown_link' | 'used' | 'revoked' | 'expired'; userId: string | null }> {
  const [row] = await db
    .select({
      userId: table.userId,
      usedAt: table.usedAt,
      revokedAt: table.revokedAt,
      expiresAt: table.expiresAt,
    })
    .from(table)
    .where(eq(table.tokenHash, hashToken(token)));
  const reason = !row
    ? 'unknown_link'
    : row.usedAt
      ? 'used'
      : row.revokedAt
        ? 'revoked'
        : row.expiresAt <= now
          ? 'expired'
          : 'unknown_link';
  return { reason, userId: row?.userId ?? null };
}

/** Every link of the account not yet used or revoked stops working. */
export async function revokeUnusedLinks(
  db: Db,
  table: LinkTable,
  userId: string,
  now: Date,
): Promise<void> {
  await db
    .update(table)
    .set({ revokedAt: now })
    .where(and(eq(table.userId, userId), isNull(table.usedAt), isNull(table.revokedAt)));
}

/**
 * Uses the link up, in one statement that checks it is still usable: a second tab with the same
 * link finds it used. When it was, audits `refused` (reason `used`) against the account and
 * answers false.
 */
export async function claimEmailedLink(
  { tx, audit }: AuditedTransaction,
  table: LinkTable,
  link: {
    linkId: string;
    userId: string;
    refused: 'auth.password_reset_failed' | 'staff.setup_link_refused';
  },
  now: Date,
): Promise<boolean> {
  const claimed = await tx
    .update(table)
    .set({ usedAt: now })
    .where(and(eq(table.id, link.linkId), stillUsable(table, now)))
    .returning({ id: table.id });
  if (claimed.length > 0) return true;
  await audit({
    action: link.refused,
    outcome: 'denied',
    targetType: 'user',
    targetId: link.userId,
    metadata: { reason: 'used' },
  });
  return false;
}

/**
 * Once a link has set a new password: every session of the account ends, a fresh one opens for
 * the person holding the link (waiting for the second step when the account has one), and
 * `action` is audited with what happened.
 */
export async function openSessionAfterLink(
  { tx, audit }: AuditedTransaction,
  action: 'auth.password_reset' | 'staff.setup_completed',
  user: { id: string; kind: AccountKind; totpEnabledAt: Date | null },
  meta: RequestMeta,
  now: Date,
) {
  const sessionsEnded = await endAllSessionsOfUser(tx, user.id, 'password_changed', now);
  const awaitingSecondFactor = user.totpEnabledAt !== null;
  const { token } = await createSession(tx, user, meta, now, { awaitingSecondFactor });
  await audit({
    action,
    targetType: 'user',
    targetId: user.id,
    metadata: { sessionsEnded, secondFactorNext: awaitingSecondFactor },
  });
  return { ok: true as const, userId: user.id, sessionToken: token, awaitingSecondFactor };
}
