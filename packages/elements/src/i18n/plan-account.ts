/**
 * The words of a payment plan on the bill (`<bill-summary>`) and the offer to set one up
 * (`<bill-pay>`): few, so the page that shows a bill carries them, while `<plan-builder>`'s own
 * words (plans.ts) arrive with it. Kept out of the main dictionaries, which `<bill-lookup>` carries
 * on its own too. English here, Spanish in plan-account-es.ts, fetched only when spoken.
 * `planAccountEn`'s shape is what every language must fill in completely.
 */
import type { PlanFrequency } from '@billpay/sdk';
import type { Widen } from './en.js';
import type { WordBook } from './locales.js';

export const planAccountEn = {
  planOffer: 'Can’t pay all at once? Set up a payment plan',
  planOnBillTitle: 'Your payment plan',
  planOnBillTerms: (frequency: PlanFrequency, automatic: boolean) =>
    `${{ weekly: 'Weekly', biweekly: 'Every two weeks', semimonthly: 'Twice a month', monthly: 'Monthly' }[frequency]}, ${automatic ? 'paid automatically' : 'paid by you'}`,
  /** What is due while a plan is kept: its next payment, not the balance. */
  planNoticeDue: (amount: string, date: string, automatic: boolean) =>
    `You’re on a payment plan: your next payment of ${amount} is due ${date}. ${automatic ? 'It will be paid automatically.' : 'Pay it with Make a payment.'}`,
  planOnBillRetry: (amount: string, date: string, automatic: boolean) =>
    automatic ? `A payment of ${amount} didn’t go through. It will be tried again on ${date}.` : `A payment of ${amount} was missed. Please pay it by ${date}.`,
  planOnBillProgress: (paid: string, left: string, count: number) => `Paid so far: ${paid}. Left: ${left} in ${count} ${count === 1 ? 'payment' : 'payments'}.`,
  planOnBillManual: 'Use Make a payment to pay each one.',
  planDelinquent: (date: string, automatic: boolean) =>
    `Your payment plan fell behind on ${date}: two payments in a row ${automatic ? 'didn’t go through' : 'were missed'}.`,
  planCatchUp: (amount: string, automatic: boolean) =>
    `To keep the plan, pay ${amount} with Make a payment, or call billing.${automatic ? ' Automatic payments start again once the plan is up to date.' : ''}`,
  planPayOffHint: 'To pay it off early, use Make a payment and pay the whole balance.',
  planChangeMethod: 'Change payment method',
  planCancel: 'Cancel this plan',
  planCancelConfirm: (left: string) =>
    `Cancel your payment plan? Payments already made stay on your account. No more plan payments will be taken, and the ${left} left will be due as your statements say.`,
  planCancelYes: 'Yes, cancel the plan',
  planCancelNo: 'Keep the plan',
  planCanceling: 'Canceling the plan…',
  planCanceled: 'Your payment plan was canceled. No more plan payments will be taken.',
  planCancelFailed: 'We couldn’t cancel the plan. Try again, or call billing.',
  planCancelBusy: 'A payment of this plan is being processed right now, so the plan can’t be canceled yet. That payment may still go through. Try again in a few minutes, or call billing.',
};

/** The shape every language must provide, term by term. */
export type PlanAccountTranslation = { readonly [K in keyof typeof planAccountEn]: Widen<(typeof planAccountEn)[K]> };

/** The book of these words: English here, each other language a chunk of its own fetched when spoken (`loadBook`). */
export const planAccountBook: WordBook<PlanAccountTranslation> = { name: 'planAccount', en: planAccountEn, loaders: { es: () => import('./plan-account-es.js').then((module) => module.planAccountEs) } };
