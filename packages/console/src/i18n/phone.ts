import type { Locale } from '@billpay/elements/parts.js';
import { deskWords, type DeskWords } from './desk.js';
import { phoneEn, type PhoneTranslation } from './phone-en.js';
import { phoneEs } from './phone-es.js';

/** The words of the "Take a payment" dialog: the desks' and its own. */
export type PhoneWords = DeskWords & PhoneTranslation;

const merged = (desk: DeskWords, phone: PhoneTranslation): PhoneWords => ({ ...desk, ...phone, problems: { ...desk.problems, ...phone.problems } });
const words: Readonly<Record<Locale, PhoneWords>> = { en: merged(deskWords('en'), phoneEn), es: merged(deskWords('es'), phoneEs) };

export function phoneWords(locale: Locale): PhoneWords {
  return words[locale];
}
