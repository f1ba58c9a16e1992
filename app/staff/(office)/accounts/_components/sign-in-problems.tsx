import { getDb } from '@/db';
import { formatDateTime } from '@/lib/dates';
import { listOpenSignInProblems } from '@/lib/help-desk/problems';
import { isLocale, localeNames } from '@/lib/i18n/locales';
import { getLocale, getT } from '@/lib/i18n/server';
import { portalPage } from '@/lib/page';

import { SignInProblemControls } from './sign-in-problem-controls';

/** Reports from the public Help Desk ("a problem signing in"), for the office to call back. */
export const SignInProblems = portalPage(async function SignInProblems() {
  const t = await getT('staffSignInProblems');
  const locale = await getLocale();
  const { rows, total } = await listOpenSignInProblems(await getDb());
  return (
    <section aria-labelledby="sign-in-problems-heading" className="flex flex-col gap-3">
      <h2 id="sign-in-problems-heading" className="text-xl font-semibold">
        {t('heading', { count: total })}
      </h2>
      {rows.length === 0 ? <p className="text-slate-700">{t('none')}</p> : null}
      <ul className="flex flex-col gap-3">
        {rows.map((row) => (
          <li key={row.id} className="rounded-lg border border-slate-200 bg-white p-4">
            <p className="font-semibold">
              {row.name} · {row.contact}
            </p>
            <p className="text-sm text-slate-700">
              {t('received', { when: formatDateTime(row.createdAt, locale) })}
              {' · '}
              {t('writtenIn', {
                language: isLocale(row.locale) ? localeNames[row.locale] : row.locale,
              })}
              {' · '}
              {row.status === 'new'
                ? t('statusNew')
                : t('statusCalledBack', {
                    who: `${row.handledByFirstName ?? ''} ${row.handledByLastName ?? ''}`.trim(),
                  })}
            </p>
            <p className="mt-2 whitespace-pre-wrap break-words">{row.description}</p>
            <div className="mt-3">
              <SignInProblemControls
                problemId={row.id}
                status={row.status === 'new' ? 'new' : 'called_back'}
              />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
});
