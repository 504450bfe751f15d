import { matchLocale, type Locale } from '@billpay/elements/parts.js';
import { en, type ConsoleTranslation } from './en.js';
import { es } from './es.js';

export type { Locale };

export const consoleTranslations: Readonly<Record<Locale, ConsoleTranslation>> = { en, es };

const STORED = 'billpay-console-language';

/** The language last chosen here, else the browser's, else English. */
export function initialLocale(): Locale {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORED);
  } catch {
    // Storage may be off; the browser's language still answers.
  }
  return matchLocale(stored) ?? matchLocale(navigator.language) ?? 'en';
}

export function rememberLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORED, locale);
  } catch {
    // Not kept: the choice lasts for this page only.
  }
}
