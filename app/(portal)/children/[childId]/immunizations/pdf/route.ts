import { requireLinkedChild } from '@/lib/authz';
import { getLocale } from '@/lib/i18n/server';
import { renderImmunizationRecordPdf } from '@/lib/records/immunization-pdf';
import { printableImmunizationRecord } from '@/lib/records/immunization-record';

/**
 * The immunization record as a PDF download. The same checks as the page (live link, 404
 * otherwise) and a `record.exported` event written before the file is made. The file name
 * carries no name or date of birth: downloads folders are not private. The PDF is in the reader's
 * language.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ childId: string }> }) {
  const { childId } = await params;
  const { child, db, viewer } = await requireLinkedChild(
    childId,
    'immunizations',
    'record.exported',
  );
  const pdf = await renderImmunizationRecordPdf(
    await printableImmunizationRecord(db, viewer, child, viewer.today, await getLocale()),
  );
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': 'attachment; filename="immunization-record.pdf"',
      'Cache-Control': 'no-store',
    },
  });
}
