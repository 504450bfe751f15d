import type { Locale } from '@billpay/elements/parts.js';
import { deskWords, type DeskWords } from './desk.js';
import { noticesEn, type NoticesTranslation } from './notices-en.js';
import { noticesEs } from './notices-es.js';

/** The words of an account's notices and of sending a statement again: the desks' and their own. */
export type NoticesWords = DeskWords & NoticesTranslation;

const merged = (desk: DeskWords, notices: NoticesTranslation): NoticesWords => ({ ...desk, ...notices, problems: { ...desk.problems, ...notices.problems } });
const words: Readonly<Record<Locale, NoticesWords>> = { en: merged(deskWords('en'), noticesEn), es: merged(deskWords('es'), noticesEs) };

export function noticesWords(locale: Locale): NoticesWords {
  return words[locale];
}
