import 'server-only';

import { env } from '@/lib/env';
import type { OutgoingMail } from '@/lib/mail/outbox';

/**
 * The only email a message causes. It names no child, subject or text: an inbox is not a safe
 * place for health information, and the email may be read by someone else.
 */
export function newMessageNotice(to: string, firstName: string, messageId: string): OutgoingMail {
  const { PRACTICE_NAME, PRACTICE_PHONE, PUBLIC_URL } = env();
  const signIn = new URL('/login', PUBLIC_URL).toString();
  const subject = 'You have a new secure message in your patient portal';
  const lines = [
    `Hello ${firstName},`,
    `You have a new secure message from ${PRACTICE_NAME} in your patient portal. To read it, sign in:`,
    signIn,
    `You can turn these emails off in your account settings. Questions? Call us at ${PRACTICE_PHONE}. The portal is not for emergencies: in an emergency, call 911 or go to the nearest emergency room.`,
  ];
  const escape = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return {
    template: 'new-message',
    to,
    subject,
    text: lines.join('\n\n'),
    html: `<!doctype html><html><body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.5">${lines
      .map((line) =>
        line === signIn
          ? `<p><a href="${escape(signIn)}">Sign in to read it</a></p>`
          : `<p>${escape(line)}</p>`,
      )
      .join('')}</body></html>`,
    idempotencyKey: `new-message:${messageId}`,
  };
}
