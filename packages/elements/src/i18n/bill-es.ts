/**
 * The words of the bill (`<bill-summary>`) in Spanish: a chunk of its own, fetched only when an element speaks Spanish
 * (`billBook` in bill.ts). Checked complete against the English at compile time.
 */
import type { BillTranslation } from './bill.js';

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
