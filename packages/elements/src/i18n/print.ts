/**
 * The words of a printed document's head (who it is from, whose it is, when it was printed):
 * loaded with the print module when a patient prints, not with the page; English here, Spanish in
 * print-es.ts, fetched only when spoken. `printEn`'s shape is
 * what every language must fill in completely.
 */
import type { Widen } from './en.js';
import type { WordBook } from './locales.js';

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

/** The book of these words: English here, each other language a chunk of its own fetched when spoken (`loadBook`). */
export const printBook: WordBook<PrintTranslation> = { name: 'print', en: printEn, loaders: { es: () => import('./print-es.js').then((module) => module.printEs) } };
