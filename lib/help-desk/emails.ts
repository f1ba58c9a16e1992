import { formatDateTime } from '@/lib/dates';
import { env } from '@/lib/env';
import type { Locale } from '@/lib/i18n/locales';
import { translatorFor } from '@/lib/i18n/server';
import { layout } from '@/lib/mail/templates';

/** Emails of the public Help Desk: no health information, in the recipient's language. */

export function helpDeskTemporaryPasswordMessage(
  locale: Locale,
  details: {
    firstName: string;
    userId: string;
    password: string;
    expiresAt: Date;
    loginUrl: string;
  },
) {
  const t = translatorFor(locale, 'helpDeskEmails');
  return {
    template: 'help-desk-temporary-password',
    subject: t('temporaryPassword.subject'),
    ...layout(
      locale,
      [
        t('hello', { name: details.firstName }),
        t('temporaryPassword.asked', { userId: details.userId }),
        t('temporaryPassword.password', { password: details.password }),
        t('temporaryPassword.until', { until: formatDateTime(details.expiresAt, locale) }),
        t('temporaryPassword.notYou', { phone: env().PRACTICE_PHONE }),
      ],
      { label: t('temporaryPassword.signIn'), url: details.loginUrl },
    ),
  };
}

export function signInProblemReceivedMessage(locale: Locale, name: string) {
  const t = translatorFor(locale, 'helpDeskEmails');
  return {
    template: 'help-desk-problem-received',
    subject: t('problemReceived.subject'),
    ...layout(locale, [
      t('hello', { name }),
      t('problemReceived.body'),
      t('problemReceived.urgent', { phone: env().PRACTICE_PHONE }),
    ]),
  };
}
