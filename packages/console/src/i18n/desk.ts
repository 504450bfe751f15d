import type { Locale } from '@billpay/elements/parts.js';
import { deskEn, type DeskTranslation } from './desk-en.js';
import { deskEs } from './desk-es.js';
import type { ConsoleTranslation } from './en.js';
import { consoleTranslations } from './locale.js';

/** The words of a page loaded when first shown: the console's, and the desks' own. */
export type DeskWords = ConsoleTranslation & DeskTranslation;

const words: Readonly<Record<Locale, DeskWords>> = { en: { ...consoleTranslations.en, ...deskEn }, es: { ...consoleTranslations.es, ...deskEs } };

export function deskWords(locale: Locale): DeskWords {
  return words[locale];
}
