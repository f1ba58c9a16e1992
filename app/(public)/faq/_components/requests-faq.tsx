import { getT } from '@/lib/i18n/server';

const questions = [
  ['faq-requests-how', 'howQ', 'howA'],
  ['faq-requests-today', 'todayQ', 'todayA'],
  ['faq-requests-files', 'filesQ', 'filesA'],
] as const;

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
          <p>{t(answer)}</p>
        </section>
      ))}
    </section>
  );
}
