import type { Locale } from '@billpay/elements/parts.js';
import { deskEn, type DeskTranslation } from './desk-en.js';
import { deskEs } from './desk-es.js';
import type { ConsoleTranslation } from './en.js';
import { consoleTranslations } from './locale.js';

/** The words of a page loaded when first shown: the console's, and the desks' own. */
export type DeskWords = ConsoleTranslation & DeskTranslation;

const merged = (console: ConsoleTranslation, desk: DeskTranslation): DeskWords => ({ ...console, ...desk, problems: { ...console.problems, ...desk.problems } });
const words: Readonly<Record<Locale, DeskWords>> = { en: merged(consoleTranslations.en, deskEn), es: merged(consoleTranslations.es, deskEs) };

export function deskWords(locale: Locale): DeskWords {
  return words[locale];
}
