/**
 * Words of the bill (`<bill-summary>`) and of the documents printed from it, added with issue 11:
 * kept out of the main dictionaries, which `<bill-lookup>` carries on its own too. English here,
 * Spanish in bill-es.ts, fetched only when spoken. `billEn`'s shape
 * is what every language must fill in completely.
 */
import type { PaymentStatus } from '@billpay/sdk';
import type { Widen } from './en.js';
import type { WordBook } from './locales.js';

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

/** The book of these words: English here, each other language a chunk of its own fetched when spoken (`loadBook`). */
export const billBook: WordBook<BillTranslation> = { name: 'bill', en: billEn, loaders: { es: () => import('./bill-es.js').then((module) => module.billEs) } };
