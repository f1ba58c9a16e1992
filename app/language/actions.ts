'use server';

import { z } from 'zod';

import { saveLanguage } from '@/lib/accounts/language';
import { defineSelfAuditedAction } from '@/lib/action';
import { rememberLocale } from '@/lib/i18n/choice';
import { locales } from '@/lib/i18n/locales';

/** A path on this site to come back to ("/inbox?page=2"), never another site ("//evil", "/\evil"). */
const samePagePath = z
  .string()
  .max(2000)
  .regex(/^\/(?![/\\])[^\s\\]*$/)
  .catch('/');

const chooseLanguageSchema = z.object({
  locale: z.enum(locales),
  returnTo: samePagePath.default('/'),
});

/**
 * The language switch on every page: kept in a cookie for a visitor, and saved on the account
 * (audited) for someone signed in, so their emails and next sign-in follow it too. A visitor's
 * switch changes no data, so it writes no audit event.
 */
export const chooseLanguage = defineSelfAuditedAction(
  {
    name: 'i18n.chooseLanguage',
    schema: chooseLanguageSchema,
    access: { kind: 'anyone' },
    allowDuringAccountSetup: true,
  },
  async ({ input, session, actor, meta, db }) => {
    await rememberLocale(input.locale);
    if (session) await saveLanguage(db, actor, meta, session.user.id, input.locale);
    return { data: null, redirectTo: input.returnTo };
  },
);
