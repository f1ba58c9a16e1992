import { env } from '@/lib/env';
import type { Locale } from '@/lib/i18n/locales';
import { translatorFor } from '@/lib/i18n/server';
import type { OutgoingMail } from '@/lib/mail/outbox';

/**
 * The only email a request causes, in the parent's language. It names no child, no request
 * and no answer: "You have an update in the portal". The email may be read by someone else.
 */
export function requestUpdateNotice(
  to: string,
  firstName: string,
  locale: Locale,
  messageId: string,
): OutgoingMail {
  const { PRACTICE_NAME, PRACTICE_PHONE, PUBLIC_URL } = env();
  const t = translatorFor(locale, 'requests.email');
  const signIn = new URL('/login', PUBLIC_URL).toString();
  const lines = [
    t('greeting', { name: firstName }),
    t('body', { practice: PRACTICE_NAME }),
    signIn,
    t('footer', { phone: PRACTICE_PHONE }),
  ];
  const escape = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return {
    template: 'request-update',
    to,
    subject: t('subject'),
    text: lines.join('\n\n'),
    html: `<!doctype html><html lang="${locale}"><body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.5">${lines
      .map((line) =>
        line === signIn
          ? `<p><a href="${escape(signIn)}">${escape(t('signIn'))}</a></p>`
          : `<p>${escape(line)}</p>`,
      )
      .join('')}</body></html>`,
    idempotencyKey: `request-update:${messageId}`,
  };
}
