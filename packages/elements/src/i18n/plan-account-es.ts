/**
 * The words of a payment plan on the bill and of the offer to set one up in Spanish: a chunk of its own, fetched only when an element speaks Spanish
 * (`planAccountBook` in plan-account.ts). Checked complete against the English at compile time.
 */
import type { PlanAccountTranslation } from './plan-account.js';

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
