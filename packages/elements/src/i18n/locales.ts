import { en, type Translation } from './en.js';

export type Locale = 'en' | 'es';

/** How a book fetches each language other than English (a dynamic import: a chunk of its own). */
export type BookLoaders<T> = Readonly<Record<Exclude<Locale, 'en'>, () => Promise<T>>>;

/**
 * A book of words: the main dictionary, or one form's own words. English comes with the code
 * (every text falls back to it); another language is fetched the first time an element speaks it
 * (`loadBook`), so a patient downloads only the language they read, and the other one if they
 * switch. Plain data, so a module that defines a book imports nothing from here at run time.
 */
export interface WordBook<T> {
  /** Its key in the registry of what has arrived: one name, one book. */
  readonly name: string;
  readonly en: T;
  readonly loaders: BookLoaders<T>;
}

/** The words of each book that have arrived, and the fetches under way, by book and language ("pay:es"). */
const arrived = new Map<string, unknown>();
const loading = new Map<string, Promise<void>>();

/** The words of `locale` in `book` if they have arrived, else English. */
export function wordsOf<T>(book: WordBook<T>, locale: Locale): T {
  return (arrived.get(`${book.name}:${locale}`) as T | undefined) ?? book.en;
}

/**
 * Fetches the words of `locale` in `book`; undefined when they are here already. Settles either
 * way: if they cannot be fetched the words stay English, and the next call tries again.
 */
export function loadBook<T>(book: WordBook<T>, locale: Locale): Promise<void> | undefined {
  const key = `${book.name}:${locale}`;
  if (locale === 'en' || arrived.has(key)) return undefined;
  let pending = loading.get(key);
  if (!pending) {
    pending = book.loaders[locale]().then(
      (words) => {
        arrived.set(key, words);
      },
      (error: unknown) => {
        console.warn(`billpay: could not load the ${locale} words (${book.name})`, error);
      },
    );
    void pending.finally(() => loading.delete(key));
    loading.set(key, pending);
  }
  return pending;
}

/** Fetches every book's words of `locale` at once; undefined when all of them are here already. */
export function loadBooks(books: readonly WordBook<unknown>[], locale: Locale): Promise<void> | undefined {
  const pending = books.map((book) => loadBook(book, locale)).filter((load) => load !== undefined);
  return pending.length === 0 ? undefined : Promise.all(pending).then(() => undefined);
}

/** The main dictionary: the words every element shares (errors, loading, the bill's page). */
export const mainBook: WordBook<Translation> = { name: 'main', en, loaders: { es: () => import('./es.js').then((module) => module.es) } };

/** The main dictionary of `locale` if it has arrived, else English. */
export function translationOf(locale: Locale): Translation {
  return wordsOf(mainBook, locale);
}

/** The `Intl` locale used for money, dates and times in each language (US practices). */
export const intlLocales: Readonly<Record<Locale, string>> = { en: 'en-US', es: 'es-US' };

/** "es-MX" -> "es", "EN" -> "en"; anything unsupported -> undefined. */
export function matchLocale(tag: string | null | undefined): Locale | undefined {
  const base = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return base === 'en' || base === 'es' ? base : undefined;
}
