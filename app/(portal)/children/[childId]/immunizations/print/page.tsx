import type { Metadata } from 'next';
import Link from 'next/link';

import { ImmunizationRecordSheet } from '@/components/records/immunization-record-sheet';
import { PrintButton } from '@/components/records/print-button';
import { requireLinkedChild } from '@/lib/authz';
import { getLocale, getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';
import { printableImmunizationRecord } from '@/lib/records/immunization-record';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT('immunizationPrint'))('metaTitle') };
}

/** One page for school, daycare or camp; the same content as the PDF beside it. */
export default portalPage(async function ImmunizationPrintPage({
  params,
}: {
  params: Promise<{ childId: string }>;
}) {
  const { childId } = await params;
  const { child, db, viewer } = await requireLinkedChild(
    childId,
    'immunizations',
    'record.printed',
  );
  const locale = await getLocale();
  const t = await getT('immunizationPrint');
  const record = await printableImmunizationRecord(db, viewer, child, viewer.today, locale);
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-3 print:hidden">
        <Link href={`/children/${child.id}#immunizations`} className="text-blue-700 underline">
          {t('back')}
        </Link>
        <PrintButton />
        <a
          href={`/children/${child.id}/immunizations/pdf`}
          className="inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-4 py-2 font-semibold hover:bg-slate-100"
        >
          {t('downloadPdf')}
        </a>
        <Link
          href={`/children/${child.id}/immunizations/share`}
          className="inline-flex min-h-11 items-center font-medium text-blue-700 underline"
        >
          {t('share')}
        </Link>
      </div>
      <ImmunizationRecordSheet record={record} />
    </div>
  );
});
