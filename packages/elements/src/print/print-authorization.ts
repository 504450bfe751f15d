/**
 * Prints a debit or charge authorization as a document of its own, as the receipt and the plan
 * print: the practice and how to reach it, the patient's account, then the authorization's words
 * and its date. Focus goes back to what had it (the Print button) once printing is done.
 */
import type { Practice } from '@billpay/sdk';
import { html } from 'lit';
import { flowStyles } from '../styles/flow.js';
import { formatDate } from '../i18n/format.js';
import { loadBook, wordsOf, type Locale } from '../i18n/locales.js';
import type { PrintedAccount } from './print-document.js';

export interface AuthorizationToPrint {
  /** The authorization's title, as the review shows it. */
  readonly title: string;
  readonly text: string;
  /** The day it is dated (YYYY-MM-DD). */
  readonly date: string;
  readonly locale: Locale;
  readonly practice: Practice;
  /** Whose it is (or its loading: the authorization prints with the practice alone if it fails). */
  readonly account?: PrintedAccount | Promise<PrintedAccount | undefined> | undefined;
}

/** Prints `authorization`; call it from the Print button's click, which keeps focus on the button. */
export async function printAuthorization(authorization: AuthorizationToPrint, button: EventTarget | null): Promise<void> {
  // Pressed with a pointer, a button is not focused in every browser: focus is given back to it after printing.
  if (button instanceof HTMLElement) button.focus();
  const { title, text, date, locale, practice } = authorization;
  const [{ printDocument, printBook }, account] = await Promise.all([import('./print-document.js'), authorization.account]);
  await loadBook(printBook, locale);
  await printDocument({
    title,
    locale,
    practice,
    account,
    styles: [flowStyles],
    content: html`<section class="authorization">
      <p>${text}</p>
      <p>${wordsOf(printBook, locale).authorizationDate(formatDate(date, locale))}</p>
    </section>`,
  });
}
