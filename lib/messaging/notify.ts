import 'server-only';

import { env } from '@/lib/env';
import type { Locale } from '@/lib/i18n/locales';
import { translatorFor } from '@/lib/i18n/translator';
import type { OutgoingMail } from '@/lib/mail/outbox';
import { layout } from '@/lib/mail/templates';

/**
 * The only email a message causes. It names no child, subject or text: an inbox is not a safe
 * place for health information, and the email may be read by someone else. It goes in the
 * guardian's saved language.
 */
export function newMessageNotice(
  locale: Locale,
  to: string,
  firstName: string,
  messageId: string,
): OutgoingMail {
  const { PRACTICE_NAME, PRACTICE_PHONE, PUBLIC_URL } = env();
  const t = translatorFor(locale, 'emails');
  const signIn = new URL('/login', PUBLIC_URL).toString();
  return {
    template: 'new-message',
    to,
    subject: t('newMessage.subject'),
    ...layout(
      locale,
      [t('hello', { name: firstName }), t('newMessage.intro', { practice: PRACTICE_NAME })],
      { label: t('newMessage.action'), url: signIn },
      t('newMessage.settings', { phone: PRACTICE_PHONE }),
    ),
    idempotencyKey: `new-message:${messageId}`,
  };
}
