/**
 * What `<pay-form>` gives the patient to keep: the receipt printed as a document of its own or saved
 * as a file, and the debit authorization printed the same way.
 */
import type { Account, Payment, Practice } from '@billpay/sdk';
import { downloadFile } from '../download/download-file.js';
import type { Locale } from '../i18n/locales.js';
import { payWords } from '../i18n/pay.js';
import { printAuthorization } from '../print/print-authorization.js';
import { flowStyles } from '../styles/flow.js';
import type { Review } from './pay-model.js';
import { debitAuthorizationText } from './pay-submit.js';
import { receiptBody, receiptLines, receiptTitle } from './receipt.js';

/** Prints the receipt as a document of its own (the practice, the patient's account, the receipt), not the page. */
export async function printReceipt(payment: Payment, practice: Practice, account: Account | undefined, locale: Locale): Promise<void> {
  const { printDocument } = await import('../print/print-document.js');
  await printDocument({
    title: receiptTitle(payment, locale),
    locale,
    practice,
    account,
    content: receiptBody(payment, practice, account, locale),
    styles: [flowStyles],
  });
}

/** The receipt as a text file. */
export function saveReceipt(root: Node, payment: Payment, practice: Practice, account: Account | undefined, locale: Locale): void {
  const lines = receiptLines(payment, practice, account, locale);
  downloadFile(root, lines.join('\r\n') + '\r\n', 'text/plain;charset=utf-8', `receipt-${payment.confirmationNumber}.txt`);
}

/** Prints the debit authorization on the review as a document of its own, not the page; focus goes back to `button`. */
export function printDebitAuthorization(review: Review, practice: Practice, account: Account | undefined, locale: Locale, button: EventTarget | null): Promise<void> {
  const text = debitAuthorizationText(review, practice, locale);
  return printAuthorization({ title: payWords(locale).authorizationTitle, text, date: review.date, locale, practice, account }, button);
}
