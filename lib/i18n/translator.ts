import {
  _createCache,
  _createIntlFormatters,
  createTranslator,
  type NamespaceKeys,
  type NestedKeyOf,
} from 'use-intl/core';

import { env } from '@/lib/env';
import { log } from '@/lib/log';

import type { Locale } from './locales';
import { messagesFor, type Messages } from './messages';

/*
 * Not server-only: emails are worded by domain code that the command-line scripts (staff:create)
 * run too, outside Next. The browser never imports this (it holds both catalogs).
 */

export type Namespace = NamespaceKeys<Messages, NestedKeyOf<Messages>>;

/**
 * A missing key is a bug the catalog test should have caught; it is logged, and the key's name
 * is shown rather than another language's sentence.
 */
function onError(error: Error) {
  log('error', 'translation_failed', { reason: error.message.slice(0, 200) });
}

/*
 * One cache for the whole process. A translator made without one compiles every ICU message it
 * formats, and builds every Intl formatter it needs, afresh: on every page, for every getT().
 * The cache is keyed by the message's text, its locale and formats, so it holds at most one
 * compiled form of each catalog entry (bounded by the catalogs, whatever the traffic).
 */
const cache = _createCache();
const formatters = _createIntlFormatters(cache);

/**
 * A translator for one language, outside any request: emails and letters go in the recipient's
 * language, not the sender's.
 */
export function translatorFor<NS extends Namespace = never>(locale: Locale, namespace?: NS) {
  return createTranslator({
    locale,
    messages: messagesFor(locale),
    namespace,
    timeZone: env().PRACTICE_TIMEZONE,
    onError,
    _cache: cache,
    _formatters: formatters,
  });
}
