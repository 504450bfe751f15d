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

  // The bill itself (see bill.ts).
  accountHeading: (firstName, lastInitial) => `Factura de ${firstName} ${lastInitial}.`,
  accountNumber: (number) => `Cuenta ${number}`,
  balanceLabel: 'Saldo',
  dueBy: (date) => `Vence el ${date}`,
  wasDue: (date) => `Vencido desde el ${date}`,
  paidInFull: 'No tiene saldo pendiente. ¡Gracias!',
  creditBalance: (amount) => `Tiene un crédito de ${amount}.`,
  noticeDue: (date) => `Por favor, pague a más tardar el ${date}.`,
  noticePastDue: (due, letter) =>
    `Este saldo venció el ${due}. Si sigue sin pagarse, enviaremos una carta el ${letter}. Llámenos si necesita un plan de pagos o ayuda.`,
  noticeLetterSent: (mailed, collections) =>
    `Enviamos una carta el ${mailed}. La cuenta pasará a una agencia de cobranza el ${collections} a menos que pague o nos llame.`,
  noticeInCollections: (date) => `Esta cuenta pasó a una agencia de cobranza el ${date}. Por favor, llame a facturación.`,
  agingTitle: 'Saldo por antigüedad',
  agingCurrent: 'Al día',
  aging30: 'De 30 a 59 días',
  aging60: 'De 60 a 89 días',
  aging90: '90 días o más',
  statementsTitle: 'Estados de cuenta',
  noStatements: 'Todavía no hay estados de cuenta en esta cuenta.',
  statementOf: (date) => `Estado de cuenta del ${date}`,
  servicePeriod: (start, end) => (start === end ? `Servicios del ${start}` : `Servicios del ${start} al ${end}`),
  statementAmount: 'Monto facturado',
  statementOpen: 'Pendiente',
  statementDue: 'Fecha de vencimiento',
  showDetails: 'Ver cargos detallados',
  hideDetails: 'Ocultar cargos detallados',
  loadingDetails: 'Cargando los cargos detallados…',
  detailsFailed: 'No pudimos cargar los cargos detallados. Inténtelo de nuevo.',
  itemsCaption: (date) => `Cargos detallados, estado de cuenta del ${date}`,
  colServiceDate: 'Fecha del servicio',
  colService: 'Servicio',
  colCharge: 'Cargo',
  colInsurancePaid: 'Pagó el seguro',
  colAdjustment: 'Ajuste',
  colYouOwe: 'Su parte',
  insurerNotesTitle: 'Lo que decidió su seguro',
  insurerNote: {
    deductible: (amount) => `${amount} se aplicó a su deducible, lo que usted paga cada año antes de que el seguro empiece a pagar.`,
    coinsurance: (amount) => `${amount} es su coseguro: su parte del costo después del deducible.`,
    copay: (amount) => `${amount} es su copago, el monto fijo para este tipo de visita.`,
    not_covered: (amount) => `${amount} no lo cubre el seguro, o se facturó sin seguro.`,
    copay_not_paid_at_visit: (amount) => `${amount} es su copago. No se pagó en la visita.`,
  },
  feeReason: {
    invoicing_fee: 'Cargo de facturación: el copago no se pagó en la visita',
    returned_payment: 'Cargo por pago devuelto: el banco devolvió un pago',
  },
  paymentMethod: { card: 'Tarjeta', bank: 'Cuenta bancaria', wallet: 'Billetera digital', other: 'Otro' },
  colDate: 'Fecha',
  colDescription: 'Descripción',
  colAmount: 'Monto',
  printItemized: 'Imprimir factura detallada',
  preparingPrint: 'Preparando su factura detallada…',


  // <bill-summary>: a bill that may be disputed against a Good Faith Estimate
  disputeTitle: 'Puede disputar esta factura',
  disputeBill: (date) => `Factura del ${date}`,
  disputeWhy: (provider, billed, over, expected) =>
    `${provider} facturó ${billed}. Eso es ${over} más que los ${expected} de su Estimado de Buena Fe.`,
  disputeRule: 'Cuando un proveedor factura $400 o más por encima de su parte del Estimado de Buena Fe, usted puede pedir una revisión independiente de la factura.',
  disputeBy: (date) => `Inicie la disputa a más tardar el ${date}.`,
  disputeHow: (fee) => `Para iniciarla, llene el formulario de disputa en el sitio federal No Surprises e incluya esta factura y su estimado. Hay un cargo de ${fee}.`,
  disputeLink: 'Iniciar una disputa en el sitio No Surprises',
  disputeCall: (phone) => `Preguntas sobre disputas: llame a la línea de ayuda No Surprises al ${phone}.`,
  disputeCare:
    'Iniciar una disputa no afecta la atención que recibe. Mientras la disputa esté abierta, esta factura no se enviará a cobranza ni se le agregarán recargos por pago tardío.',
};
