import type { Locale } from '@billpay/elements/parts.js';
import type { ConsoleTranslation } from './en.js';
import { integrationEn, type IntegrationTranslation } from './integration-en.js';
import { integrationEs } from './integration-es.js';
import { consoleTranslations } from './locale.js';

/** The integration page's words: the console's, and its own. */
export type IntegrationWords = ConsoleTranslation & IntegrationTranslation;

const merged = (console: ConsoleTranslation, own: IntegrationTranslation): IntegrationWords => ({ ...console, ...own, problems: { ...console.problems, ...own.problems } });
const words: Readonly<Record<Locale, IntegrationWords>> = { en: merged(consoleTranslations.en, integrationEn), es: merged(consoleTranslations.es, integrationEs) };

export function integrationWords(locale: Locale): IntegrationWords {
  return words[locale];
}
