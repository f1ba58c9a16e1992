import { locales, type Locale } from './locales';
import { messagesFor, type Messages } from './messages';

/** The words of the letters the office prints, in one language. */
export type LetterWording = Messages['letters'];

/**
 * Every language's letter words, for the office page that shows a letter: a PIN or a temporary
 * password is shown only once, so the letter is drawn in the browser, and the language is chosen
 * there when it is printed. A few hundred words per language, and only on those two pages.
 */
export function letterWordings(): Record<Locale, LetterWording> {
  return Object.fromEntries(
    locales.map((locale) => [locale, messagesFor(locale).letters]),
  ) as Record<Locale, LetterWording>;
}
