import { createContext } from '@lit/context';
import type { BillPayConnection } from '@billpay/sdk/connection';
import type { Practice } from '@billpay/sdk';
import type { Locale } from './i18n/locales.js';

/**
 * The SDK connection (and so the session) that `<bill-pay>` (or a page) provides to every element
 * inside it. A connection rather than a client object, so each element bundles only the SDK
 * functions it calls; a page holding a client provides `client.connection`.
 */
export const connectionContext = createContext<BillPayConnection | undefined>(Symbol.for('billpay.connection'));

/** The practice once loaded, so nested elements need not fetch it again. */
export const practiceContext = createContext<Practice | undefined>(Symbol.for('billpay.practice'));

/** The language the enclosing flow speaks; an element's own `lang`/`locale` wins over it. */
export const localeContext = createContext<Locale | undefined>(Symbol.for('billpay.locale'));
