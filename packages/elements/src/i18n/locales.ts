import { en, type Translation } from './en.js';

export type Locale = 'en' | 'es';

/**
 * The dictionaries that have arrived. English comes with the code (every text falls back to it);
 * another language is fetched the first time an element speaks it (`loadTranslation`), so a
 * patient downloads only the language they read, and the other one if they switch.
 */
const loaded: Partial<Record<Locale, Translation>> = { en };

const loaders: Readonly<Record<Exclude<Locale, 'en'>, () => Promise<Translation>>> = {
  es: () => import('./es.js').then((module) => module.es),
};

const loading = new Map<Locale, Promise<void>>();

/** The dictionary of `locale` if it has arrived, else English. */
export function translationOf(locale: Locale): Translation {
  return loaded[locale] ?? en;
}

/**
 * Fetches the dictionary of `locale`; undefined when it is here already. Settles either way: if it
 * cannot be fetched the words stay English, and the next call tries again.
 */
export function loadTranslation(locale: Locale): Promise<void> | undefined {
  if (locale === 'en' || loaded[locale]) return undefined;
  let pending = loading.get(locale);
  if (!pending) {
    pending = loaders[locale]().then(
      (translation) => {
        loaded[locale] = translation;
      },
      (error: unknown) => {
        console.warn(`billpay: could not load the ${locale} words`, error);
      },
    );
    void pending.finally(() => loading.delete(locale));
    loading.set(locale, pending);
  }
  return pending;
}

/** The `Intl` locale used for money, dates and times in each language (US practices). */
export const intlLocales: Readonly<Record<Locale, string>> = { en: 'en-US', es: 'es-US' };

/** "es-MX" -> "es", "EN" -> "en"; anything unsupported -> undefined. */
export function matchLocale(tag: string | null | undefined): Locale | undefined {
  const base = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return base === 'en' || base === 'es' ? base : undefined;
}
