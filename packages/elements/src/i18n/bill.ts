/**
 * Words of the bill (`<bill-summary>`) and of the documents printed from it, added with issue 11:
 * kept out of the main dictionaries, which `<bill-lookup>` carries on its own too. `billEn`'s shape
 * is what every language must fill in completely.
 */
import type { PaymentStatus } from '@billpay/sdk';
import type { Widen } from './en.js';
import type { Locale } from './locales.js';

export const billEn = {
  /** While a payment plan is kept, what is due is its next payment, not the balance. */
  planBalanceNext: (amount: string, date: string) => `Paid by your payment plan. Next payment: ${amount} on ${date}.`,
  statementInPlan: 'In your payment plan',
  /** The notes of a self-pay bill: no insurer decided anything. */
  chargeNotesTitle: 'About these charges',
  selfPayNote: (amount: string) => `${amount} was billed to you directly, without insurance.`,
  paymentsTitle: 'Payments',
  colStatus: 'Status',
  paymentStatus: {
    pending: 'Processing',
    succeeded: 'Received',
    declined: 'Declined',
    processing: 'Processing: bank payments take 2 to 3 business days',
    settled: 'Received',
    returned: 'Returned by the bank',
    refunded: 'Refunded',
  } satisfies Record<PaymentStatus, string> as Record<PaymentStatus, string>,
  /** Beside a payment's status when the practice refunded some or all of it. */
  paymentRefunded: (amount: string) => `Refunded ${amount}`,
  /** Fees not tied to a statement (those on a statement are among its charges). */
  otherFeesTitle: 'Other fees',
};

/** The shape every language must provide, term by term. */
export type BillTranslation = { readonly [K in keyof typeof billEn]: Widen<(typeof billEn)[K]> };

export const billEs: BillTranslation = {
  planBalanceNext: (amount, date) => `Se paga con su plan de pagos. Próximo pago: ${amount} el ${date}.`,
  statementInPlan: 'En su plan de pagos',
  chargeNotesTitle: 'Sobre estos cargos',
  selfPayNote: (amount) => `${amount} se le facturó directamente, sin seguro.`,
  paymentsTitle: 'Pagos',
  colStatus: 'Estado',
  paymentStatus: {
    pending: 'En proceso',
    succeeded: 'Recibido',
    declined: 'Rechazado',
    processing: 'En proceso: los pagos bancarios tardan de 2 a 3 días hábiles',
    settled: 'Recibido',
    returned: 'Devuelto por el banco',
    refunded: 'Reembolsado',
  },
  paymentRefunded: (amount) => `Reembolsado: ${amount}`,
  otherFeesTitle: 'Otros cargos adicionales',
};

export const billTranslations: Readonly<Record<Locale, BillTranslation>> = { en: billEn, es: billEs };
