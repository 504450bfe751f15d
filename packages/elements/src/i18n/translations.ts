import type { Translation } from './en.js';
import { en } from './en.js';
import { es } from './es.js';
import type { Locale } from './locales.js';

/** Every language's dictionary at once, for pages that use the elements' words themselves. */
export const translations: Readonly<Record<Locale, Translation>> = { en, es };
