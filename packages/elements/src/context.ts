import { createContext } from '@lit/context';
import type { BillPayClient, Practice } from '@billpay/sdk';
import type { Locale } from './i18n/locales.js';

/** The SDK client that `<bill-pay>` (or a page) provides to every element inside it. */
export const clientContext = createContext<BillPayClient | undefined>(Symbol.for('billpay.client'));

/** The practice once loaded, so nested elements need not fetch it again. */
export const practiceContext = createContext<Practice | undefined>(Symbol.for('billpay.practice'));

/** The language the enclosing flow speaks; an element's own `lang`/`locale` wins over it. */
export const localeContext = createContext<Locale | undefined>(Symbol.for('billpay.locale'));
