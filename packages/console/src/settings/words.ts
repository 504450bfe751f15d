import type { Locale } from '@billpay/elements/parts.js';
import { deskWords, type DeskWords } from '../i18n/desk.js';
import { settingsEn, type SettingsTranslation } from '../i18n/settings-en.js';
import { settingsEs } from '../i18n/settings-es.js';

/** The Settings page's words: the console's and the desks', and its own. */
export type SettingsWords = Omit<DeskWords, 'problems'> & SettingsTranslation;

const merged = (desk: DeskWords, own: SettingsTranslation): SettingsWords => ({ ...desk, ...own, problems: { ...desk.problems, ...own.problems } });
const words: Readonly<Record<Locale, SettingsWords>> = { en: merged(deskWords('en'), settingsEn), es: merged(deskWords('es'), settingsEs) };

export function settingsWords(locale: Locale): SettingsWords {
  return words[locale];
}
