import { useTranslations } from 'next-intl';

import type { ImmunizationRecordForPrint } from '@/lib/records/immunization-pdf';

/** 04/12/2021: the way school and child-care forms write dates, and short enough for one sheet. */
function shortDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${month}/${day}/${year}`;
}

/**
 * The immunization record as one printed sheet: the guardian's print page and the page a share
 * link opens show exactly this, so a school nurse sees what the parent would print. Its words
 * follow the page's language; the record's rows and dates come already in the reader's language.
 */
export function ImmunizationRecordSheet({
  record,
  shared = false,
}: {
  record: ImmunizationRecordForPrint;
  /** Opened through a share link: the footnote says so. */
  shared?: boolean;
}) {
  const t = useTranslations('immunizationRecord');
  return (
    <article
      data-print-letter
      className="mx-auto w-full max-w-3xl bg-white p-6 text-sm print:p-0 print:text-[9pt] print:leading-snug"
    >
      <header className="border-b border-slate-400 pb-2">
        <p className="text-lg font-bold">{record.practice.name}</p>
        <p>
          {record.practice.address} · {record.practice.phone}
        </p>
      </header>
      <h1 className="mt-4 text-xl font-bold print:mt-2 print:text-base">{t('title')}</h1>
      <p className="mt-1">
        <strong>{record.child.name}</strong> · {t('born', { date: record.child.dateOfBirth })}
      </p>
      {record.groups.length === 0 ? <p className="mt-4">{t('none')}</p> : null}
      <div className="mt-4 grid gap-x-8 gap-y-3 sm:grid-cols-2 print:mt-2 print:grid-cols-2 print:gap-y-1.5">
        {record.groups.map((group) => (
          <section key={group.label} className="break-inside-avoid">
            <h2 className="font-semibold">{group.label}</h2>
            <table className="mt-1 w-full">
              <thead className="sr-only">
                <tr>
                  <th>{t('dateGiven')}</th>
                  <th>{t('vaccine')}</th>
                  <th>{t('dose')}</th>
                </tr>
              </thead>
              <tbody>
                {group.doses.map((dose) => (
                  <tr key={`${dose.administeredOn}-${dose.vaccine}`}>
                    <td className="w-24 pr-2 align-top tabular-nums">
                      {shortDate(dose.administeredOn)}
                    </td>
                    <td className="pr-2 align-top">{dose.vaccine}</td>
                    <td className="w-14 text-right align-top">
                      {dose.doseNumber ? t('doseNumber', { number: dose.doseNumber }) : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </div>
      <footer className="mt-8 print:mt-4">
        <p>{t(shared ? 'printedOnShared' : 'printedOn', { date: record.printedOn })}</p>
        <div className="mt-10 grid grid-cols-2 gap-8 print:mt-8">
          <p className="border-t border-slate-700 pt-1">{t('signature')}</p>
          <p className="border-t border-slate-700 pt-1">{t('date')}</p>
        </div>
      </footer>
    </article>
  );
}
