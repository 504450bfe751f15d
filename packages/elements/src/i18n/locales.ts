import { en, type Translation } from './en.js';
import { es } from './es.js';

export type Locale = 'en' | 'es';

export const translations: Readonly<Record<Locale, Translation>> = { en, es };

/** The `Intl` locale used for money, dates and times in each language (US practices). */
export const intlLocales: Readonly<Record<Locale, string>> = { en: 'en-US', es: 'es-US' };

/** "es-MX" -> "es", "EN" -> "en"; anything unsupported -> undefined. */
export function matchLocale(tag: string | null | undefined): Locale | undefined {
  const base = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return base === 'en' || base === 'es' ? base : undefined;
}
