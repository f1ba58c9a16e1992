import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';

import { signInParent } from '@/app/(public)/login/actions';
import { chooseLanguage } from '@/app/language/actions';
import { auditEvents, users } from '@/db/schema';
import { getLocale } from '@/lib/i18n/server';

import { actAs, createParent, FACTORY_PASSWORD, openSession } from '../factories';
import { testDb } from '../setup/database';
import { redirectOf, requestState } from '../setup/next-mocks';

beforeEach(() => actAs(null));

const savedLocale = async (id: string) =>
  (await testDb().select({ locale: users.locale }).from(users).where(eq(users.id, id)))[0]?.locale;

describe('choosing the language', () => {
  it('follows Accept-Language on a first visit, then the visitor’s choice', async () => {
    requestState.headers.set('accept-language', 'es-MX,es;q=0.9,en;q=0.5');
    expect(await getLocale()).toBe('es');
    requestState.headers.set('accept-language', 'en-US,en;q=0.9');
    expect(await getLocale()).toBe('en');

    expect(await redirectOf(chooseLanguage({ locale: 'es', returnTo: '/faq' }))).toBe('/faq');
    const cookie = requestState.cookies.get('portal_locale');
    expect(cookie?.value).toBe('es');
    expect(cookie?.options).toMatchObject({ httpOnly: true, sameSite: 'lax', path: '/' });
    expect(await getLocale()).toBe('es');
  });

  it('never sends the browser to another site, and refuses a language it does not speak', async () => {
    for (const returnTo of ['//evil.example/x', '/\\evil.example', 'https://evil.example', 'faq']) {
      expect(await redirectOf(chooseLanguage({ locale: 'es', returnTo }))).toBe('/');
    }
    actAs(null);
    const refused = await chooseLanguage({ locale: 'fr', returnTo: '/' });
    expect(refused).toMatchObject({ ok: false });
    expect(requestState.cookies.has('portal_locale')).toBe(false);
  });

  it('saves a signed-in person’s choice on the account, audited once, and answers in it', async () => {
    const parent = await createParent(testDb());
    const session = await openSession(testDb(), parent);
    actAs(session);
    await redirectOf(chooseLanguage({ locale: 'es', returnTo: '/dashboard' }));
    await redirectOf(chooseLanguage({ locale: 'es', returnTo: '/dashboard' }));
    expect(await savedLocale(parent.id)).toBe('es');
    const events = await testDb()
      .select({ metadata: auditEvents.metadata })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'account.language_changed'),
          eq(auditEvents.targetId, parent.id),
        ),
      );
    expect(events).toHaveLength(1);
    expect(events[0]?.metadata).toMatchObject({ from: 'unset', to: 'es' });

    // The pipeline's own answers are in the reader's language too.
    const refused = await chooseLanguage({ locale: 'xx' });
    expect(refused).toMatchObject({ ok: false, formError: 'Corrija los campos marcados.' });
  });

  it('signing in brings back the language saved on the account, on any browser', async () => {
    const parent = await createParent(testDb(), { locale: 'es' });
    actAs(null, { locale: 'en' });
    await redirectOf(signInParent({ identifier: parent.userId, password: FACTORY_PASSWORD }));
    expect(requestState.cookies.get('portal_locale')?.value).toBe('es');
  });
});
