import 'server-only';

import { and, eq } from 'drizzle-orm';

import type { Database, Db } from '@/db';
import { staffSetupLinks, users } from '@/db/schema';
import { mailRecipientColumns, savedLocale } from '@/lib/accounts/language';
import { newPasswordProblem } from '@/lib/accounts/password-policy';
import { anonymousActor, type RequestMeta } from '@/lib/audit/events';
import { auditedTransaction } from '@/lib/audit/transaction';
import { actorFor } from '@/lib/auth/actors';
import {
  claimEmailedLink,
  insertEmailedLink,
  linkHolderColumns,
  openSessionAfterLink,
  revokeUnusedLinks,
  usableEmailedLink,
  whyLinkRefused,
} from '@/lib/auth/emailed-links';
import { hashPassword } from '@/lib/auth/password';
import { newSecretToken } from '@/lib/auth/tokens';
import { AppError } from '@/lib/errors';
import type { OutgoingMail } from '@/lib/mail/outbox';
import { staffWelcomeMessage } from '@/lib/mail/templates';

import { SETUP_LINK_HOURS, type StaffSetupInput } from './schemas';

export { SETUP_LINK_HOURS };

/**
 * A password nobody knows, for an account whose owner has not chosen one yet: the account
 * cannot be signed in to until the set-up link is used.
 */
export async function unusablePasswordHash(): Promise<string> {
  return hashPassword(newSecretToken());
}

/**
 * A fresh set-up link for a staff member, in the welcome email. Older unused links of the same
 * person stop working, so only the newest email counts. `newAccount`: the account was just made
 * in this transaction. The caller queues the mail in the same transaction and audits
 * `staff.setup_link_sent`.
 */
export async function issueStaffSetupLink(
  db: Db,
  staffUserId: string,
  options: { newAccount?: boolean } = {},
  now = new Date(),
): Promise<{ linkId: string; url: string; mail: OutgoingMail }> {
  const [account] = await db
    .select(mailRecipientColumns)
    .from(users)
    .where(and(eq(users.id, staffUserId), eq(users.kind, 'staff')))
    .for('update');
  if (!account) throw new AppError('not_found');
  if (account.disabledAt) throw new AppError('conflict', 'errors.staffSetupLinkDisabled');
  if (!options.newAccount) {
    const links = await db
      .select({ usedAt: staffSetupLinks.usedAt })
      .from(staffSetupLinks)
      .where(eq(staffSetupLinks.userId, staffUserId));
    // A set-up link chooses a password without knowing the old one: only an account that has
    // never had a password of its owner's choosing may be sent one.
    if (links.length === 0 || links.some((link) => link.usedAt))
      throw new AppError('conflict', 'errors.staffSetupLinkUsed');
  }
  await revokeUnusedLinks(db, staffSetupLinks, staffUserId, now);
  const link = await insertEmailedLink(db, staffSetupLinks, {
    userId: staffUserId,
    path: '/staff/setup',
    now,
    lifetimeMs: SETUP_LINK_HOURS * 3_600_000,
  });
  return {
    linkId: link.id,
    url: link.url,
    mail: {
      ...staffWelcomeMessage(
        savedLocale(account.locale),
        account.firstName,
        link.url,
        SETUP_LINK_HOURS,
      ),
      to: account.email,
      idempotencyKey: `staff-setup:${link.id}`,
    },
  };
}

/** What the set-up page shows, only to someone holding a live link. */
export async function findStaffSetupLink(
  db: Db,
  token: string,
  now = new Date(),
): Promise<{ firstName: string; userId: string } | null> {
  const [row] = await db
    .select({ firstName: users.firstName, userId: users.userId, disabledAt: users.disabledAt })
    .from(staffSetupLinks)
    .innerJoin(users, eq(users.id, staffSetupLinks.userId))
    .where(usableEmailedLink(staffSetupLinks, token, now));
  if (!row || row.disabledAt) return null;
  return { firstName: row.firstName, userId: row.userId };
}

export type StaffSetupOutcome =
  | { ok: true; userId: string; sessionToken: string; awaitingSecondFactor: boolean }
  | { ok: false; reason: 'invalid_link' }
  | { ok: false; reason: 'weak_password'; message: string };

type RefusalReason = 'unknown_link' | 'used' | 'revoked' | 'expired' | 'account_disabled';

async function refuse(
  db: Database,
  meta: RequestMeta,
  reason: RefusalReason,
  targetId: string | null,
): Promise<StaffSetupOutcome> {
  await auditedTransaction(db, anonymousActor, meta, ({ audit }) =>
    audit({
      action: 'staff.setup_link_refused',
      outcome: 'denied',
      targetType: targetId ? 'user' : null,
      targetId,
      metadata: { reason },
    }),
  );
  return { ok: false, reason: 'invalid_link' };
}

/**
 * The new staff member's own password, from the welcome email's link. The link is claimed in
 * the same statement that checks it, so two tabs cannot both use it. Success opens a session
 * that can do nothing but set up two-step verification (lib/auth/account-setup.ts).
 */
export async function completeStaffSetup(
  db: Database,
  input: StaffSetupInput,
  meta: RequestMeta,
  now = new Date(),
): Promise<StaffSetupOutcome> {
  const [found] = await db
    .select({
      linkId: staffSetupLinks.id,
      ...linkHolderColumns,
    })
    .from(staffSetupLinks)
    .innerJoin(users, eq(users.id, staffSetupLinks.userId))
    .where(usableEmailedLink(staffSetupLinks, input.token, now));
  if (!found) {
    // Audited with why, though the person is told only that the link no longer works.
    const { reason, userId } = await whyLinkRefused(db, staffSetupLinks, input.token, now);
    return refuse(db, meta, reason, userId);
  }
  if (found.disabledAt) return refuse(db, meta, 'account_disabled', found.id);

  const problem = await newPasswordProblem(input.newPassword, found);
  if (problem) return { ok: false, reason: 'weak_password', message: problem };
  const passwordHash = await hashPassword(input.newPassword);

  const actor = actorFor({ id: found.id, kind: found.kind, roles: [] });
  return auditedTransaction(db, actor, meta, async (scope) => {
    const { tx } = scope;
    const link = {
      linkId: found.linkId,
      userId: found.id,
      refused: 'staff.setup_link_refused' as const,
    };
    if (!(await claimEmailedLink(scope, staffSetupLinks, link, now)))
      return { ok: false as const, reason: 'invalid_link' as const };
    await tx
      .update(users)
      .set({
        passwordHash,
        passwordChangedAt: now,
        mustChangePassword: false,
        temporaryPasswordExpiresAt: null,
        failedSignInCount: 0,
        lockedUntil: null,
        // Following the link proves the address is theirs.
        emailVerifiedAt: now,
      })
      .where(eq(users.id, found.id));
    return openSessionAfterLink(scope, 'staff.setup_completed', found, meta, now);
  });
}
