import type { Locale } from '@billpay/elements/parts.js';
import { deskWords, type DeskWords } from './desk.js';
import { messagesEn, type MessagesTranslation } from './messages-en.js';
import { messagesEs } from './messages-es.js';

/** The words of an account's message preferences and of stopping them: the desks' and their own. */
export type MessagesWords = DeskWords & MessagesTranslation;

const merged = (desk: DeskWords, messages: MessagesTranslation): MessagesWords => ({ ...desk, ...messages });
const words: Readonly<Record<Locale, MessagesWords>> = { en: merged(deskWords('en'), messagesEn), es: merged(deskWords('es'), messagesEs) };

export function messagesWords(locale: Locale): MessagesWords {
  return words[locale];
}
