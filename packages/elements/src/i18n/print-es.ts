/**
 * The words of a printed document's head in Spanish: a chunk of its own, fetched only when an element speaks Spanish
 * (`printBook` in print.ts). Checked complete against the English at compile time.
 */
import type { PrintTranslation } from './print.js';

export const printEs: PrintTranslation = {
  billing: 'Facturación:',
  patient: (name) => `Paciente: ${name}`,
  account: (account) => `Cuenta ${account}`,
  printedOn: (date) => `Impreso el ${date}`,
  itemizedBillTitle: 'Factura detallada',
  authorizationDate: (date) => `Fecha de esta autorización: ${date}`,
};
