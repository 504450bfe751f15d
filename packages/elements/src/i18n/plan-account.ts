/**
 * The words of a payment plan on the bill (`<bill-summary>`) and the offer to set one up
 * (`<bill-pay>`): few, so the page that shows a bill carries them, while `<plan-builder>`'s own
 * words (plans.ts) arrive with it. Kept out of the main dictionaries, which `<bill-lookup>` carries
 * on its own too. `planAccountEn`'s shape is what every language must fill in completely.
 */
import type { PlanFrequency } from '@billpay/sdk';
import type { Widen } from './en.js';
import type { Locale } from './locales.js';

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

export const planAccountEs: PlanAccountTranslation = {
  planOffer: '¿No puede pagar todo de una vez? Establezca un plan de pagos',
  planOnBillTitle: 'Su plan de pagos',
  planOnBillTerms: (frequency, automatic) =>
    `${{ weekly: 'Cada semana', biweekly: 'Cada dos semanas', semimonthly: 'Dos veces al mes', monthly: 'Cada mes' }[frequency]}, ${automatic ? 'con pago automático' : 'pagado por usted'}`,
  planNoticeDue: (amount, date, automatic) =>
    `Usted tiene un plan de pagos: su próximo pago de ${amount} vence el ${date}. ${automatic ? 'Se cobrará automáticamente.' : 'Páguelo con Hacer un pago.'}`,
  planOnBillRetry: (amount, date, automatic) =>
    automatic ? `Un pago de ${amount} no se pudo cobrar. Se intentará de nuevo el ${date}.` : `No se hizo un pago de ${amount}. Páguelo a más tardar el ${date}.`,
  planOnBillProgress: (paid, left, count) => `Pagado hasta ahora: ${paid}. Queda: ${left} en ${count} ${count === 1 ? 'pago' : 'pagos'}.`,
  planOnBillManual: 'Use Hacer un pago para pagar cada uno.',
  planDelinquent: (date, automatic) =>
    `Su plan de pagos se atrasó el ${date}: ${automatic ? 'dos pagos seguidos no se pudieron cobrar' : 'no se hicieron dos pagos seguidos'}.`,
  planCatchUp: (amount, automatic) =>
    `Para mantener el plan, pague ${amount} con Hacer un pago, o llame a facturación.${automatic ? ' Los pagos automáticos se reanudan cuando el plan esté al día.' : ''}`,
  planPayOffHint: 'Para terminarlo antes, use Hacer un pago y pague el saldo completo.',
  planChangeMethod: 'Cambiar el método de pago',
  planCancel: 'Cancelar este plan',
  planCancelConfirm: (left) =>
    `¿Cancelar su plan de pagos? Los pagos ya hechos quedan en su cuenta. No se cobrarán más pagos del plan, y los ${left} restantes vencerán según sus estados de cuenta.`,
  planCancelYes: 'Sí, cancelar el plan',
  planCancelNo: 'Mantener el plan',
  planCanceling: 'Cancelando el plan…',
  planCanceled: 'Su plan de pagos fue cancelado. No se cobrarán más pagos del plan.',
  planCancelFailed: 'No pudimos cancelar el plan. Inténtelo de nuevo o llame a facturación.',
  planCancelBusy: 'Un pago de este plan se está procesando en este momento, así que el plan todavía no se puede cancelar. Ese pago todavía puede realizarse. Inténtelo de nuevo en unos minutos o llame a facturación.',
};

export const planAccountTranslations: Readonly<Record<Locale, PlanAccountTranslation>> = { en: planAccountEn, es: planAccountEs };
