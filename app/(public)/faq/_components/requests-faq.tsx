import Link from 'next/link';
import type { ReactNode } from 'react';

import { getT } from '@/lib/i18n/server';

const questions = [
  ['faq-requests-how', 'howQ', 'howA'],
  ['faq-requests-today', 'todayQ', 'todayA'],
  ['faq-requests-files', 'filesQ', 'filesA'],
] as const;

/** Each answer's link to the requests help (/help/requests), at the part that answers more. */
const helpFor: Record<(typeof questions)[number][0], string> = {
  'faq-requests-how': '/help/requests',
  'faq-requests-today': '/help/requests',
  'faq-requests-files': '/help/requests#files',
};

/** The FAQ's questions on Patient Services requests, from the `faqRequests` catalog group. */
export async function RequestsFaq() {
  const t = await getT('faqRequests');
  return (
    <section aria-labelledby="faq-requests" className="flex flex-col gap-4">
      <h2 id="faq-requests" className="text-xl font-bold">
        {t('heading')}
      </h2>
      {questions.map(([id, question, answer]) => (
        <section key={id} aria-labelledby={id} className="scroll-mt-4">
          <h3 id={id} className="mb-2 text-lg font-semibold">
            {t(question)}
          </h3>
          <p>
            {t.rich(answer, {
              help: (chunks: ReactNode) => (
                <Link href={helpFor[id]} className="text-blue-700 underline">
                  {chunks}
                </Link>
              ),
            })}
          </p>
        </section>
      ))}
    </section>
  );
}
