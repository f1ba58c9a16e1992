import 'server-only';

import { defaultLocale } from '@/lib/i18n/locales';
import { messagesFor, type Messages } from '@/lib/i18n/messages';
import type { translatorFor } from '@/lib/i18n/server';

import type { AuditAction } from './events';

/**
 * Audit events in plain words: one vocabulary for the parent's activity page and the staff
 * audit trail, so the office reads what the parent reads. The words are in the `auditWords`
 * catalog namespace, keyed by action with the dot replaced by "_" ("record.viewed" →
 * "record_viewed"). The raw action code stays in the event's detail page and the CSV export.
 *
 * In a request: `describeAuditEvent(await getT('auditWords'), action, metadata)`; for a given
 * reader outside one: `describeAuditEvent(translatorFor(locale, 'auditWords'), …)`.
 */
export type AuditWords = ReturnType<typeof translatorFor<'auditWords'>>;

type WordsKey<A extends string> = A extends `${infer Head}.${infer Tail}` ? `${Head}_${Tail}` : A;
type AuditWordsKey = WordsKey<AuditAction>;

/** A new action without words in the catalog is a compile error here. */
type MissingWords = Exclude<AuditWordsKey, keyof Messages['auditWords']>;
const everyActionHasWords: [MissingWords] extends [never] ? true : MissingWords = true;
void everyActionHasWords;

/**
 * Every section a page records a view of has its own words (a test finds them in the code).
 * Both catalogs have the same keys (tests/unit/i18n-catalogs.test.ts).
 */
export const viewedSections = messagesFor(defaultLocale).auditWords.viewed;
type ViewedSection = keyof typeof viewedSections;

const wordsKeys = new Set(Object.keys(messagesFor(defaultLocale).auditWords));

/**
 * What happened, in plain words, in the translator's language. The parent reads about "your
 * child"; the office about "the child". An unknown code (an old event) is shown as it is.
 */
export function describeAuditEvent(
  t: AuditWords,
  action: string,
  metadata: Record<string, unknown>,
  audience: 'guardian' | 'staff' = 'staff',
): string {
  const section = String(metadata.section);
  switch (action) {
    // A page without words of its own is not claimed to be the health record.
    case 'record.viewed':
      return section in viewedSections
        ? t(`viewed.${section as ViewedSection}`, { audience })
        : t('viewedOther', { audience });
    case 'record.exported':
      return metadata.section === 'fhir' ? t('exportedFhir') : t('record_exported');
    case 'record.entry_added':
      return t('entryAdded', { section });
    case 'record.entry_updated':
      return t('entryUpdated', { section });
    case 'record.entry_removed':
      return t('entryRemoved', { section });
    case 'audit.viewed':
      return metadata.eventId !== undefined ? t('auditEventViewed') : t('audit_viewed');
  }
  const key = action.replace('.', '_');
  return wordsKeys.has(key) ? t(key as AuditWordsKey, { audience }) : action;
}
