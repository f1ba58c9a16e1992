import 'server-only';

import { createHmac, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';

import type { Database, Db, Transaction } from '@/db';
import { recordShares } from '@/db/schema';
import { anonymousActor, type RequestMeta } from '@/lib/audit/events';
import { auditedTransaction, type AuditedTransaction } from '@/lib/audit/transaction';
import { hashToken, newSecretToken } from '@/lib/auth/tokens';
import { todayInPractice } from '@/lib/dates';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { findLinkedChild } from '@/lib/guardianship/access';
import { defaultLocale, type Locale } from '@/lib/i18n/locales';
import { secret } from '@/lib/secrets';

import type { ImmunizationRecordForPrint } from './immunization-pdf';
import { printableImmunizationRecord } from './immunization-record';
import { shareLifetimes, type ShareLifetime } from './share-lifetimes';
import { SHARE_TOKEN_MAX } from './share-schemas';

/**
 * One-time share links: a guardian lets a school nurse, daycare or camp see the child's
 * immunization record (and nothing else) for a while, without an account. Whoever holds the
 * link (and the code, when there is one) is trusted only as far as that one page.
 */

/** A page of links is plenty for one child; more would be a sign of something wrong. */
export const MAX_LIVE_SHARES_PER_CHILD = 10;
/** Five guesses among 10,000 codes: a 1 in 2,000 chance, then the link stops working. */
export const MAX_WRONG_CODES = 5;

export type ShareState = 'active' | 'expired' | 'revoked' | 'locked';

function shareStateOf(
  share: { expiresAt: Date; revokedAt: Date | null; failedCodeAttempts: number },
  now: Date,
): ShareState {
  if (share.revokedAt) return 'revoked';
  if (share.failedCodeAttempts >= MAX_WRONG_CODES) return 'locked';
  if (share.expiresAt <= now) return 'expired';
  return 'active';
}

/** Keyed with the share's id, so the same four numbers on two links give different hashes. */
function accessCodeHmac(shareId: string, code: string): string {
  return createHmac('sha256', secret('PIN_HMAC_SECRET'))
    .update(`record-share:${shareId}:${code}`)
    .digest('hex');
}

function codeMatches(shareId: string, storedHmac: string, typed: string): boolean {
  const expected = Buffer.from(storedHmac, 'hex');
  const actual = Buffer.from(accessCodeHmac(shareId, typed), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

function shareUrl(token: string): string {
  return `${env().PUBLIC_URL.replace(/\/$/, '')}/share/${token}`;
}

export interface CreatedShare {
  shareId: string;
  /** Shown once to the guardian; only its SHA-256 is kept. */
  url: string;
  /** Shown once; only an HMAC is kept. */
  accessCode: string | null;
  expiresAt: Date;
}

export interface CreateShare {
  childId: string;
  label: string | null;
  validFor: ShareLifetime;
  protectWithCode: boolean;
}

/** Run inside the caller's audited transaction; the guardian must have a live link to the child. */
export async function createRecordShare(
  tx: Db,
  guardianUserId: string,
  input: CreateShare,
  now = new Date(),
): Promise<CreatedShare> {
  const child = await findLinkedChild(tx, guardianUserId, input.childId, todayInPractice(now));
  if (!child) throw new AppError('not_found');

  const [counted] = await tx
    .select({ live: sql<number>`count(*)::int` })
    .from(recordShares)
    .where(
      and(
        eq(recordShares.childId, child.id),
        isNull(recordShares.revokedAt),
        gt(recordShares.expiresAt, now),
        lt(recordShares.failedCodeAttempts, MAX_WRONG_CODES),
      ),
    );
  if ((counted?.live ?? 0) >= MAX_LIVE_SHARES_PER_CHILD) {
    throw new AppError('invalid', 'errors.shareTooMany', {
      values: { max: MAX_LIVE_SHARES_PER_CHILD },
    });
  }

  const shareId = randomUUID();
  const token = newSecretToken();
  const accessCode = input.protectWithCode ? String(randomInt(10_000)).padStart(4, '0') : null;
  const expiresAt = new Date(now.getTime() + shareLifetimes[input.validFor].hours * 3_600_000);
  await tx.insert(recordShares).values({
    id: shareId,
    childId: child.id,
    createdBy: guardianUserId,
    label: input.label,
    tokenHash: hashToken(token),
    accessCodeHmac: accessCode ? accessCodeHmac(shareId, accessCode) : null,
    createdAt: now,
    expiresAt,
  });
  return { shareId, url: shareUrl(token), accessCode, expiresAt };
}

export interface ShareListEntry {
  id: string;
  label: string | null;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  state: ShareState;
  hasCode: boolean;
  openCount: number;
  lastOpenedAt: Date | null;
  madeByYou: boolean;
}

/** Every link made for this child, newest first. The caller has checked the guardian's live link. */
export async function listRecordShares(
  db: Db,
  guardianUserId: string,
  childId: string,
  now = new Date(),
): Promise<ShareListEntry[]> {
  const rows = await db
    .select()
    .from(recordShares)
    .where(eq(recordShares.childId, childId))
    .orderBy(desc(recordShares.createdAt))
    .limit(50);
  return rows.map((row) => ({
    id: row.id,
    label: row.label,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    state: shareStateOf(row, now),
    hasCode: row.accessCodeHmac !== null,
    openCount: row.openCount,
    lastOpenedAt: row.lastOpenedAt,
    madeByYou: row.createdBy === guardianUserId,
  }));
}

/**
 * Any guardian linked to the child may turn a link off, whoever made it: stopping access is
 * always safe. Turning off a link that has already ended changes nothing.
 */
export async function revokeRecordShare(
  tx: Db,
  guardianUserId: string,
  shareId: string,
  now = new Date(),
): Promise<{ childId: string; alreadyEnded: boolean }> {
  const [share] = await tx
    .select()
    .from(recordShares)
    .where(eq(recordShares.id, shareId))
    .for('update');
  // A link to a child this guardian cannot see is reported as missing, like the child itself.
  if (!share || !(await findLinkedChild(tx, guardianUserId, share.childId, todayInPractice(now))))
    throw new AppError('not_found', 'errors.shareLinkNotFound');
  if (shareStateOf(share, now) !== 'active') return { childId: share.childId, alreadyEnded: true };
  await tx
    .update(recordShares)
    .set({ revokedAt: now, revokedBy: guardianUserId })
    .where(eq(recordShares.id, share.id));
  return { childId: share.childId, alreadyEnded: false };
}

/** When a guardian loses access to a child, the links they made for that child stop too. */
export async function revokeSharesMadeBy(
  tx: Db,
  guardianUserId: string,
  childId: string,
  revokedBy: string,
  now = new Date(),
): Promise<number> {
  const ended = await tx
    .update(recordShares)
    .set({ revokedAt: now, revokedBy })
    .where(
      and(
        eq(recordShares.childId, childId),
        eq(recordShares.createdBy, guardianUserId),
        isNull(recordShares.revokedAt),
        gt(recordShares.expiresAt, now),
      ),
    )
    .returning({ id: recordShares.id });
  return ended.length;
}

type Refusal = { status: 'not_found' } | { status: 'ended'; reason: Exclude<ShareState, 'active'> };

export type OpenedShare =
  | Refusal
  | { status: 'code_required' }
  | { status: 'wrong_code'; attemptsLeft: number }
  | { status: 'ok'; shareId: string; expiresAt: Date; record: ImmunizationRecordForPrint };

/**
 * The link's row (locked for this transaction) and the child, if the link may open now.
 * A refusal is audited as `record.share_refused` with its reason; nothing in it says whose
 * link it was to the visitor.
 */
type UsableShare =
  | { refusal: Refusal }
  | {
      refusal: null;
      share: typeof recordShares.$inferSelect;
      child: NonNullable<Awaited<ReturnType<typeof findLinkedChild>>>;
      today: string;
      refuse: (reason: string, extra?: Record<string, number>) => Promise<void>;
    };

async function usableShare(
  tx: Transaction,
  audit: AuditedTransaction['audit'],
  token: string,
  now: Date,
): Promise<UsableShare> {
  const [share] =
    token.length > 0 && token.length <= SHARE_TOKEN_MAX
      ? await tx
          .select()
          .from(recordShares)
          .where(eq(recordShares.tokenHash, hashToken(token)))
          .for('update')
      : [];
  if (!share) {
    await audit({
      action: 'record.share_refused',
      outcome: 'denied',
      metadata: { reason: 'unknown_link' },
    });
    return { refusal: { status: 'not_found' } };
  }
  const refuse = (reason: string, extra: Record<string, number> = {}) =>
    audit({
      action: 'record.share_refused',
      outcome: 'denied',
      childId: share.childId,
      targetType: 'record_share',
      targetId: share.id,
      metadata: { shareId: share.id, reason, ...extra },
    });

  const state = shareStateOf(share, now);
  if (state !== 'active') {
    await refuse(state);
    return { refusal: { status: 'ended', reason: state } };
  }
  const today = todayInPractice(now);
  // A link lasts only while its maker may still see the child (access not removed, child not of age).
  const child = await findLinkedChild(tx, share.createdBy, share.childId, today);
  if (!child) {
    await refuse('guardian_access_ended');
    return { refusal: { status: 'ended', reason: 'revoked' } };
  }
  return { refusal: null, share, child, today, refuse };
}

/**
 * What the link's page shows before anything of the record: whether it opens, and whether a
 * code is needed. Nothing is revealed by a plain GET, so the link previews that chat and email
 * apps fetch neither see the record nor count as an opening.
 */
export async function inspectSharedLink(
  db: Database,
  meta: RequestMeta,
  token: string,
  now = new Date(),
): Promise<Refusal | { status: 'ready'; needsCode: boolean }> {
  return auditedTransaction(db, anonymousActor, meta, async ({ tx, audit }) => {
    const found = await usableShare(tx, audit, token, now);
    if (found.refusal) return found.refusal;
    return { status: 'ready', needsCode: found.share.accessCodeHmac !== null };
  });
}

/**
 * Opens the record for a visitor with the link (and the code, on a protected link). The
 * opening is an access event, `record.shared_view`, that the guardian sees on the activity
 * page; a wrong code is counted and audited, and the fifth locks the link.
 */
export async function openSharedRecord(
  db: Database,
  meta: RequestMeta,
  token: string,
  code: string | null,
  now = new Date(),
  locale: Locale = defaultLocale,
): Promise<OpenedShare> {
  return auditedTransaction(db, anonymousActor, meta, async ({ tx, audit }) => {
    const found = await usableShare(tx, audit, token, now);
    if (found.refusal) return found.refusal;
    const { share, child, today, refuse } = found;

    if (share.accessCodeHmac) {
      if (!code) return { status: 'code_required' };
      if (!codeMatches(share.id, share.accessCodeHmac, code)) {
        const failed = share.failedCodeAttempts + 1;
        await tx
          .update(recordShares)
          .set({ failedCodeAttempts: failed })
          .where(eq(recordShares.id, share.id));
        const attemptsLeft = Math.max(0, MAX_WRONG_CODES - failed);
        await refuse('wrong_code', { attemptsLeft });
        return attemptsLeft > 0
          ? { status: 'wrong_code', attemptsLeft }
          : { status: 'ended', reason: 'locked' };
      }
    }

    await tx
      .update(recordShares)
      .set({ openCount: sql`${recordShares.openCount} + 1`, lastOpenedAt: now })
      .where(eq(recordShares.id, share.id));
    await audit({
      action: 'record.shared_view',
      childId: share.childId,
      targetType: 'record_share',
      targetId: share.id,
      metadata: { shareId: share.id, section: 'immunizations' },
    });
    const record = await printableImmunizationRecord(
      tx,
      { kind: 'guardian', userId: share.createdBy, today },
      child,
      today,
      locale,
    );
    return { status: 'ok', shareId: share.id, expiresAt: share.expiresAt, record };
  });
}
