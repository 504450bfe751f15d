/**
 * What the four framework demos share: the SDK client each hands `<bill-pay>` as a property, the
 * page's language (the browser's: English or Spanish), and the words each framework renders itself
 * once `payment-succeeded` reaches it.
 */
import '@billpay/elements/bill-pay/define.js';
import { createBillPayClient, formatMoney, type BillPayClient, type Payment } from '@billpay/sdk';

export type Language = 'en' | 'es';

/** The browser's language, when it is Spanish; English otherwise. */
export const language: Language = navigator.language.toLowerCase().startsWith('es') ? 'es' : 'en';

const words = {
  en: {
    title: (framework: string) => `Pay your bill · ${framework}`,
    intro: (framework: string) => `${framework} renders this page; the payment form is billpay’s <bill-pay> element.`,
    paid: (amount: string, confirmation: string) => `${amount} paid. Confirmation number: ${confirmation}.`,
    back: 'All framework demos',
  },
  es: {
    title: (framework: string) => `Pague su factura · ${framework}`,
    intro: (framework: string) => `${framework} muestra esta página; el formulario de pago es el elemento <bill-pay> de billpay.`,
    paid: (amount: string, confirmation: string) => `Pagó ${amount}. Número de confirmación: ${confirmation}.`,
    back: 'Todas las demostraciones',
  },
} as const;

/** The page's words in its language. */
export const t = words[language];

/** What the page says, rendered by the framework, once `<bill-pay>` reports a payment. */
export function paidMessage(payment: Payment): string {
  return t.paid(formatMoney(payment.amountCents, language === 'es' ? 'es-US' : 'en-US'), payment.confirmationNumber);
}

/** A client of the demo practice on this page's own origin, for `<bill-pay>`'s `client` property. */
export function demoClient(): BillPayClient {
  return createBillPayClient({ api: location.origin, practice: 'harbor-point' });
}

/** Sets the document's language and title for `framework`. */
export function preparePage(framework: string): void {
  document.documentElement.lang = language;
  document.title = t.title(framework);
}
