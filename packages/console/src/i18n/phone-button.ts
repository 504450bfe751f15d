import type { Locale } from '@billpay/elements/parts.js';

/** The account page's button that opens the "Take a payment" dialog: its one word before the dialog (and its dictionary) is loaded. */
export const takePaymentLabel: Readonly<Record<Locale, string>> = { en: 'Take a payment', es: 'Cobrar un pago' };
