import 'server-only';

import { eq } from 'drizzle-orm';

import type { Database } from '@/db';
import { users } from '@/db/schema';
import type { Actor, RequestMeta } from '@/lib/audit/events';
import { auditedTransaction } from '@/lib/audit/transaction';
import { isLocale, type Locale } from '@/lib/i18n/locales';

/**
 * Saves the language a signed-in person chose, for the next sign-in on any device and for the
 * emails the portal sends them. Choosing the language already saved changes (and audits) nothing.
 */
export async function saveLanguage(
  db: Database,
  actor: Actor,
  meta: RequestMeta,
  accountId: string,
  locale: Locale,
): Promise<void> {
  await auditedTransaction(db, actor, meta, async ({ tx, audit }) => {
    const [account] = await tx
      .select({ locale: users.locale })
      .from(users)
      .where(eq(users.id, accountId))
      .for('update');
    if (!account || account.locale === locale) return;
    await tx.update(users).set({ locale }).where(eq(users.id, accountId));
    await audit({
      action: 'account.language_changed',
      targetType: 'user',
      targetId: accountId,
      metadata: { from: account.locale ?? 'unset', to: locale },
    });
  });
}

/** The saved language of an account, for its emails (English when none was chosen). */
export function savedLocale(value: string | null | undefined): Locale {
  return isLocale(value) ? value : 'en';
}

/**
 * What an email to an account needs of it: where it goes, how it greets them, in which language,
 * and whether the account is closed (a closed account gets no email).
 */
export const mailRecipientColumns = {
  id: users.id,
  email: users.email,
  firstName: users.firstName,
  locale: users.locale,
  disabledAt: users.disabledAt,
};
