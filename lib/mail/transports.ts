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

/** Sends through Resend. The idempotency key makes a retry after a timeout safe. */
export function resendTransport(apiKey: string, from: string): MailTransport {
  const client = new Resend(apiKey);
  return {
    name: 'resend',
    async send(message) {
      const { data, error } = await client.emails.send(
        { from, to: message.to, subject: message.subject, text: message.text, html: message.html },
        { idempotencyKey: message.idempotencyKey },
      );
      if (error) throw new Error(`Resend refused the email: ${error.name}`);
      return { providerMessageId: data?.id ?? null };
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
  return settings.RESEND_API_KEY ? resendTransport(settings.RESEND_API_KEY, settings.MAIL_FROM) : localTransport;
}
