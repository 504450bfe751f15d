import type { FeeReason } from '@billpay/sdk';
import type { InsurerNoteKind } from '../db/schema.js';

/** The languages a paper statement is printed in: the account's preferred language, else English. */
export type StatementLanguage = 'en' | 'es';

/** `Intl` locales for each language (US dollars either way). */
export const INTL_LOCALE: Readonly<Record<StatementLanguage, string>> = { en: 'en-US', es: 'es-US' };

type Amount = (amount: string) => string;

/** Every word printed on a paper statement; Spanish must say all of it. */
const en = {
  title: 'Patient statement',
  billId: 'Bill ID',
  statementDate: 'Statement date',
  accountNumber: 'Account number',
  patient: 'Patient',
  servicePeriod: (start: string, end: string) => (start === end ? `Services on ${start}` : `Services from ${start} to ${end}`),
  amountDue: 'Amount due',
  payBy: (date: string) => `Please pay by ${date}`,
  nothingDue: 'You owe nothing on this statement. Thank you!',
  chargesTitle: 'What was billed, and what your insurance paid',
  colDate: 'Date',
  colService: 'Service',
  colCharge: 'Charge',
  colInsurancePaid: 'Insurance paid',
  colAdjustment: 'Discount',
  colYourPart: 'Your part',
  discountNote: ((amount) => `${amount} is a discount from your insurer’s contract with us. You do not owe it.`) as Amount,
  insurancePaidNote: ((amount) => `Your insurance paid ${amount}.`) as Amount,
  insurerNote: {
    deductible: (amount) => `${amount} went toward your deductible, the amount you pay each year before insurance starts to pay.`,
    coinsurance: (amount) => `${amount} is your coinsurance: your share of the cost after the deductible.`,
    copay: (amount) => `${amount} is your copay, the set amount for this kind of visit.`,
    not_covered: (amount) => `${amount} is not covered by insurance, or was billed without insurance.`,
    copay_not_paid_at_visit: (amount) => `${amount} is your copay. It was not paid at the visit.`,
  } as Record<InsurerNoteKind, Amount>,
  feeReason: {
    invoicing_fee: 'Invoicing fee: the copay was not paid at the visit',
    returned_payment: 'Returned payment fee: a payment was returned by the bank',
  } as Record<FeeReason, string>,
  paymentReceived: (date: string) => `Payment received ${date}, thank you`,
  totalCharges: 'Total charges',
  totalInsurancePaid: 'Insurance paid',
  totalDiscounts: 'Discounts',
  totalYourPart: 'Your part of the charges',
  totalFees: 'Fees',
  totalPayments: 'Payments received',
  waysToPayTitle: 'Ways to pay',
  payOnline: (url: string) => `Online: scan the code with your phone’s camera, or go to ${url} and enter your Bill ID and date of birth.`,
  payPhone: (phone: string, hours: string) => `By phone: call ${phone}, ${hours}.`,
  payMail: (payee: string) => `By mail: send a check payable to ${payee} with the slip below. Write your account number on the check.`,
  scanToPay: 'Scan to pay',
  help: (phone: string, email: string) => `Questions about your bill, or need a payment plan? Call ${phone} or email ${email}.`,
  financialAssistance: (url: string) => `Financial assistance: ${url}`,
  hours: (days: string, opens: string, closes: string) => `${days}, ${opens} to ${closes}`,
  slipTitle: 'Please detach and return this part with your check',
  amountEnclosed: 'Amount enclosed',
  payableTo: 'Make your check payable to',
  mailTo: 'Mail to',
  continued: 'Continued on the next page',
  page: (n: number, of: number) => `Page ${n} of ${of}`,
};

export type StatementWords = typeof en;

const es: StatementWords = {
  title: 'Estado de cuenta del paciente',
  billId: 'ID de factura',
  statementDate: 'Fecha del estado de cuenta',
  accountNumber: 'Número de cuenta',
  patient: 'Paciente',
  servicePeriod: (start, end) => (start === end ? `Servicios del ${start}` : `Servicios del ${start} al ${end}`),
  amountDue: 'Monto a pagar',
  payBy: (date) => `Pague a más tardar el ${date}`,
  nothingDue: 'No debe nada en este estado de cuenta. ¡Gracias!',
  chargesTitle: 'Lo que se facturó y lo que pagó su seguro',
  colDate: 'Fecha',
  colService: 'Servicio',
  colCharge: 'Cargo',
  colInsurancePaid: 'Pagó el seguro',
  colAdjustment: 'Descuento',
  colYourPart: 'Su parte',
  discountNote: (amount) => `${amount} es un descuento del contrato de su aseguradora con nosotros. Usted no lo debe.`,
  insurancePaidNote: (amount) => `Su seguro pagó ${amount}.`,
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
  paymentReceived: (date) => `Pago recibido el ${date}, gracias`,
  totalCharges: 'Total de cargos',
  totalInsurancePaid: 'Pagó el seguro',
  totalDiscounts: 'Descuentos',
  totalYourPart: 'Su parte de los cargos',
  totalFees: 'Cargos adicionales',
  totalPayments: 'Pagos recibidos',
  waysToPayTitle: 'Formas de pago',
  payOnline: (url) => `En línea: escanee el código con la cámara de su teléfono, o vaya a ${url} e ingrese su ID de factura y su fecha de nacimiento.`,
  payPhone: (phone, hours) => `Por teléfono: llame al ${phone}, ${hours}.`,
  payMail: (payee) => `Por correo: envíe un cheque a nombre de ${payee} con el talón de abajo. Escriba su número de cuenta en el cheque.`,
  scanToPay: 'Escanee para pagar',
  help: (phone, email) => `¿Preguntas sobre su factura o necesita un plan de pagos? Llame al ${phone} o escriba a ${email}.`,
  financialAssistance: (url) => `Ayuda financiera: ${url}`,
  hours: (days, opens, closes) => `${days}, de ${opens} a ${closes}`,
  slipTitle: 'Desprenda esta parte y devuélvala con su cheque',
  amountEnclosed: 'Monto adjunto',
  payableTo: 'Haga su cheque a nombre de',
  mailTo: 'Envíelo a',
  continued: 'Continúa en la página siguiente',
  page: (n, of) => `Página ${n} de ${of}`,
};

export const STATEMENT_WORDS: Readonly<Record<StatementLanguage, StatementWords>> = { en, es };

/** The account's preferred language when the statement can be printed in it; English otherwise. */
export function statementLanguage(preferred: string | null | undefined): StatementLanguage {
  return preferred === 'es' ? 'es' : 'en';
}
