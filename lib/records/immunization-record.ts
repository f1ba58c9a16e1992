import 'server-only';

import type { Db } from '@/db';
import { formatDate } from '@/lib/dates';
import { env } from '@/lib/env';

import { groupImmunizationsForPrint } from './cvx';
import type { ImmunizationRecordForPrint } from './immunization-pdf';
import { readImmunizations, type RecordViewer } from './read';

/**
 * The school/daycare immunization record, the same content for the print page and the PDF.
 * It is read through the viewer's rules, so a confidential vaccine never reaches either.
 */
export async function printableImmunizationRecord(
  db: Db,
  viewer: RecordViewer,
  child: { id: string; firstName: string; lastName: string; dateOfBirth: string },
  today: string,
): Promise<ImmunizationRecordForPrint> {
  const rows = await readImmunizations(db, viewer, child.id);
  const { PRACTICE_NAME, PRACTICE_ADDRESS, PRACTICE_PHONE } = env();
  return {
    practice: { name: PRACTICE_NAME, address: PRACTICE_ADDRESS, phone: PRACTICE_PHONE },
    child: {
      name: `${child.firstName} ${child.lastName}`,
      dateOfBirth: formatDate(child.dateOfBirth),
    },
    printedOn: formatDate(today),
    groups: groupImmunizationsForPrint(
      rows.map((row) => ({
        cvx: row.cvx,
        administeredOn: row.administeredOn,
        doseNumber: row.doseNumber && /^\d+$/.test(row.doseNumber) ? Number(row.doseNumber) : null,
      })),
    ),
  };
}
