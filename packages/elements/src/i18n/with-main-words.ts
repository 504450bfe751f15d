import type { Translation } from './en.js';
import { translationOf, wordsOf, type Locale, type WordBook } from './locales.js';

/**
 * A form's words with the main dictionary's under them, per language, as one object (made again
 * only when either book's words for that language have changed, i.e. arrived).
 */
export function withMainWords<T extends object>(book: WordBook<T>): (locale: Locale) => Translation & T {
  const made = new Map<Locale, { main: Translation; own: T; words: Translation & T }>();
  return (locale) => {
    const main = translationOf(locale);
    const own = wordsOf(book, locale);
    let entry = made.get(locale);
    if (!entry || entry.main !== main || entry.own !== own) {
      entry = { main, own, words: { ...main, ...own } };
      made.set(locale, entry);
    }
    return entry.words;
  };
}
