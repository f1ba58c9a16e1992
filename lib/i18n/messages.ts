import 'server-only';

import en from '@/messages/en.json';
import es from '@/messages/es.json';

import { clientNamespaces, type Locale } from './locales';

/** The English catalog's shape is the shape of every catalog (tests/unit/i18n-catalogs.test.ts). */
export type Messages = typeof en;

// Both catalogs live in the server's memory (a few dozen kB each); the browser only ever gets the
// client namespaces of the one language it reads (clientMessages).
const catalogs: Record<Locale, Messages> = { en, es: es as Messages };

export function messagesFor(locale: Locale): Messages {
  return catalogs[locale];
}

type ClientNamespace = (typeof clientNamespaces)[number];

/** What NextIntlClientProvider hands to client components: their namespaces, in one language. */
export function clientMessages(locale: Locale): Pick<Messages, ClientNamespace> {
  const all = catalogs[locale];
  return Object.fromEntries(clientNamespaces.map((ns) => [ns, all[ns]])) as Pick<
    Messages,
    ClientNamespace
  >;
}
