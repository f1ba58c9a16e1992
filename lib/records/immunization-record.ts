import 'server-only';

import type { Db } from '@/db';
import { formatDate } from '@/lib/dates';
import { env } from '@/lib/env';
import { defaultLocale, type Locale } from '@/lib/i18n/locales';
import type { Messages } from '@/lib/i18n/messages';
import { translatorFor } from '@/lib/i18n/server';

import { groupImmunizationsForPrint } from './cvx';
import type { ImmunizationRecordForPrint } from './immunization-pdf';
import { readImmunizations, type RecordViewer } from './read';

/**
 * The school/daycare immunization record, the same content for the print page and the PDF, in
 * the reader's language (the disease rows and the dates; vaccine product names stay CDC's).
 * It is read through the viewer's rules, so a confidential vaccine never reaches either.
 */
export async function printableImmunizationRecord(
  db: Db,
  viewer: RecordViewer,
  child: { id: string; firstName: string; lastName: string; dateOfBirth: string },
  today: string,
  locale: Locale = defaultLocale,
): Promise<ImmunizationRecordForPrint> {
  const rows = await readImmunizations(db, viewer, child.id);
  const { PRACTICE_NAME, PRACTICE_ADDRESS, PRACTICE_PHONE } = env();
  const t = translatorFor(locale, 'vaccines');
  const groups = groupImmunizationsForPrint(
    rows.map((row) => ({
      cvx: row.cvx,
      administeredOn: row.administeredOn,
      doseNumber: row.doseNumber && /^\d+$/.test(row.doseNumber) ? Number(row.doseNumber) : null,
    })),
  );
  return {
    locale,
    practice: { name: PRACTICE_NAME, address: PRACTICE_ADDRESS, phone: PRACTICE_PHONE },
    child: {
      name: `${child.firstName} ${child.lastName}`,
      dateOfBirth: formatDate(child.dateOfBirth, locale),
    },
    printedOn: formatDate(today, locale),
    groups: groups.map((group) => ({
      ...group,
      label: t(`print.${group.key as keyof Messages['vaccines']['print']}`),
    })),
  };
}
