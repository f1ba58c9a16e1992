import 'server-only';

import { Resend } from 'resend';

import { env } from '@/lib/env';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  idempotencyKey: string;
}

export interface MailTransport {
  name: 'resend' | 'local';
  send(message: MailMessage): Promise<{ providerMessageId: string | null }>;
}

/**
 * Sends through Resend. A send that takes longer than `timeoutMs` is abandoned and retried
 * later with the same idempotency key: if the first one did go out, Resend answers the retry
 * with the same email instead of sending it twice.
 */
export function resendTransport(
  apiKey: string,
  from: string,
  options: { baseUrl?: string; timeoutMs?: number } = {},
): MailTransport {
  const client = new Resend(apiKey, { baseUrl: options.baseUrl });
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    name: 'resend',
    async send(message) {
      const { data, error } = await client.emails.send(
        { from, to: message.to, subject: message.subject, text: message.text, html: message.html },
        {
          idempotencyKey: message.idempotencyKey,
          signal: AbortSignal.timeout(timeoutMs),
        } as Parameters<typeof client.emails.send>[1],
      );
      if (error)
        throw new Error(
          `Resend refused the email: ${error.name}${'statusCode' in error && error.statusCode ? ` (HTTP ${error.statusCode})` : ''}`,
        );
      if (!data?.id) throw new Error('Resend answered without an email id');
      return { providerMessageId: data.id };
    },
  };
}

/** Without RESEND_API_KEY mail stays in the outbox table, where developers and tests read it. */
export const localTransport: MailTransport = {
  name: 'local',
  async send() {
    return { providerMessageId: null };
  },
};

export function configuredTransport(): MailTransport {
  const settings = env();
  return settings.RESEND_API_KEY
    ? resendTransport(settings.RESEND_API_KEY, settings.MAIL_FROM, {
        baseUrl: settings.RESEND_BASE_URL,
        timeoutMs: settings.MAIL_SEND_TIMEOUT_MS,
      })
    : localTransport;
}
