/**
 * The words of a printed document's head (who it is from, whose it is, when it was printed):
 * loaded with the print module when a patient prints, not with the page. `printEn`'s shape is
 * what every language must fill in completely.
 */
import type { Widen } from './en.js';
import type { Locale } from './locales.js';

export const printEn = {
  billing: 'Billing:',
  patient: (name: string) => `Patient: ${name}`,
  account: (account: string) => `Account ${account}`,
  printedOn: (date: string) => `Printed on ${date}`,
  itemizedBillTitle: 'Itemized bill',
  authorizationDate: (date: string) => `Date of this authorization: ${date}`,
};

/** The shape every language must provide, term by term. */
export type PrintTranslation = { readonly [K in keyof typeof printEn]: Widen<(typeof printEn)[K]> };

export const printEs: PrintTranslation = {
  billing: 'Facturación:',
  patient: (name) => `Paciente: ${name}`,
  account: (account) => `Cuenta ${account}`,
  printedOn: (date) => `Impreso el ${date}`,
  itemizedBillTitle: 'Factura detallada',
  authorizationDate: (date) => `Fecha de esta autorización: ${date}`,
};

export const printTranslations: Readonly<Record<Locale, PrintTranslation>> = { en: printEn, es: printEs };
