import type { ReactNode } from 'react';

import { formatDate } from '@/lib/dates';
import type { Locale } from '@/lib/i18n/locales';

import { LetterHeader } from './letter-header';
import type { LetterT } from './letter-language';

/** What every printed letter knows: the practice, the guardian, and when its code runs out. */
interface LetterBasics {
  practiceName: string;
  practicePhone: string;
  portalUrl: string;
  issuedOn: string;
  guardianName: string;
  expiresOn: string;
}

/**
 * The frame of every letter the office prints, in the language the office chose (`t`, `locale`):
 * header, greeting, the letter's own intro, its code in a box with the date it runs out, the
 * steps starting with the portal's address, and whom to call.
 */
export function PrintedLetter({
  letter,
  t,
  locale,
  label,
  id,
  className,
  intro,
  code,
  centred,
  steps,
  questions,
}: {
  letter: LetterBasics;
  t: LetterT;
  locale: Locale;
  label: string;
  id?: string;
  /** Classes before the letter's own (a hook for print styles). */
  className?: string;
  intro: ReactNode;
  /** The code's lines, above "Use it before …". */
  code: ReactNode;
  centred?: boolean;
  /** The steps after "Go to …", as <li> elements. */
  steps: ReactNode;
  /** Whom to call with questions, before "not for emergencies". */
  questions: string;
}) {
  return (
    <article
      id={id}
      data-print-letter
      lang={locale}
      aria-label={label}
      className={`${className ? `${className} ` : ''}mx-auto max-w-[40rem] bg-white p-8 text-[15px] leading-relaxed text-black print:p-0`}
    >
      <LetterHeader {...letter} locale={locale} />
      <p className="mt-4">{t('dear', { name: letter.guardianName })}</p>
      <p className="mt-3">{intro}</p>
      <div className={`my-5 rounded border-2 border-black p-4${centred ? ' text-center' : ''}`}>
        {code}
        <p className="text-sm">{t('useBefore', { date: formatDate(letter.expiresOn, locale) })}</p>
      </div>
      <ol className="list-decimal space-y-1 pl-6">
        <li>
          {t.rich('goTo', {
            url: letter.portalUrl,
            strong: (chunks) => <strong>{chunks}</strong>,
          })}
        </li>
        {steps}
      </ol>
      <p className="mt-4">
        {questions} {t('notForEmergencies')}
      </p>
    </article>
  );
}
