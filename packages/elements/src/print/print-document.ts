/**
 * Printing a document of its own (an itemized bill, a receipt, a plan, an estimate) from whatever
 * page the widget sits on, without the page: no header, menu, language buttons or footer, and
 * without relying on the page's own print CSS.
 *
 * On Print, the document is rendered into a container at the top of `document.body`, in a shadow
 * root of its own (so the page's CSS cannot restyle it), and a constructed stylesheet adopted by
 * the document hides everything else while printing. Nothing inline: no `<style>` element, no
 * `style=` attribute, no eval, so it works under a strict Content-Security-Policy. After printing
 * (`afterprint`) both are removed. Between Print and `afterprint` the container is only in print
 * media (hidden on screen, and from screen readers), so `page.pdf()` in Chromium, which prints
 * without a dialog, gets the document too.
 *
 * Loaded on demand (`await import('../print/print-document.js')`): a page pays for it when a
 * patient prints. To print an element's document this way:
 *
 *   const { printDocument } = await import('../print/print-document.js');
 *   await printDocument({ title, locale, practice, account, content: html`...`, styles: [dataTableStyles, myStyles] });
 *
 * `content` may also be a detached copy of what the element shows (`ownHeading: true` when it
 * starts with its own title).
 */
import { localToday } from '@billpay/sdk/core';
import type { Practice } from '@billpay/sdk';
import { adoptStyles, html, nothing, render, type CSSResultOrNative, type TemplateResult } from 'lit';
import { formatDate, formatHours, phoneLink } from '../i18n/format.js';
import { loadBooks, mainBook, matchLocale, wordsOf } from '../i18n/locales.js';
import { printBook } from '../i18n/print.js';
import { tokens } from '../styles/shared.js';
import { pageWhilePrinting, printDocumentStyles, printReset, PRINT_ROOT_ID } from './print-document.styles.js';

export { PRINT_ROOT_ID, printBook };

/** Whose document it is: the patient's account, as the account view gives it. */
export interface PrintedAccount {
  readonly accountNumber: string;
  readonly patient?: { readonly firstName: string; readonly lastInitial: string };
}

export interface PrintRequest {
  /** Its title: the document's heading, and the page's title while it prints (a saved PDF's name). */
  readonly title: string;
  /** The language it is written in ("en", "es", or a tag such as "es-US"). */
  readonly locale: string;
  /** Who it is from: the practice's name and how to reach its billing office head every page. */
  readonly practice: Practice;
  /** Whose it is, when it is about a patient's account. */
  readonly account?: PrintedAccount | undefined;
  /**
   * The document itself: a Lit template, or a detached copy of what an element shows (nothing
   * that runs, no buttons). Its headings start at level 2: the title is the level-1 heading,
   * unless `ownHeading` says the content has one.
   */
  readonly content: TemplateResult | Node;
  /** The content starts with its own level-1 heading: the title is then not repeated above it. */
  readonly ownHeading?: boolean;
  /** What its content needs besides the shared tokens: the element's own styles, `dataTableStyles` for its tables. */
  readonly styles?: readonly CSSResultOrNative[];
}

let cleanUp: (() => void) | undefined;

/**
 * Prints `doc` as a document of its own, then leaves the page as it was. Calling it again before
 * the last one was printed replaces that one.
 */
export async function printDocument(doc: PrintRequest): Promise<void> {
  // Its words in its language (English if they cannot come): usually here already, with the element's.
  await loadBooks([mainBook, printBook], matchLocale(doc.locale) ?? 'en');
  cleanUp?.();
  const container = document.createElement('div');
  container.id = PRINT_ROOT_ID;
  container.setAttribute('data-billpay-print', '');
  const root = container.attachShadow({ mode: 'open' });
  adoptStyles(root, [printReset, tokens, ...(doc.styles ?? []), printDocumentStyles]);
  render(documentTemplate(doc), root);
  document.body.prepend(container);

  const page = pageWhilePrinting();
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, page];
  const title = document.title;
  document.title = `${doc.title} · ${doc.practice.name}`;
  // While the page is hidden for print, the browser may take focus from what had it (Print).
  const focused = deepActiveElement();

  const done = () => {
    container.remove();
    if (focused instanceof HTMLElement && focused.isConnected && deepActiveElement() !== focused) focused.focus({ preventScroll: true });
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((sheet) => sheet !== page);
    document.title = title;
    window.removeEventListener('afterprint', done);
    if (cleanUp === done) cleanUp = undefined;
  };
  cleanUp = done;
  window.addEventListener('afterprint', done);
  // The page's fonts, so the first printed page is not set in a fallback.
  await document.fonts.ready;
  window.print();
}

/** The focused element, inside shadow roots too. */
function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

function documentTemplate(doc: PrintRequest): TemplateResult {
  const { practice, account } = doc;
  const locale = matchLocale(doc.locale) ?? 'en';
  const words = wordsOf(printBook, locale);
  const contact = practice.contact;
  const name = account?.patient ? `${account.patient.firstName} ${account.patient.lastInitial}.` : undefined;
  return html`
    <article class="document" lang=${locale}>
      <header class="from">
        <p class="practice">${practice.name}</p>
        <p class="contact">
          <span>${words.billing} ${phoneLink(contact.phone)}</span>
          <span>${contact.email}</span>
          ${contact.hours.map((hours) => html`<span>${formatHours(hours, contact, locale)}</span>`)}
        </p>
      </header>
      ${doc.ownHeading ? nothing : html`<h1 id="document-title">${doc.title}</h1>`}
      <p class="whose">
        ${name ? html`<span>${words.patient(name)}</span>` : nothing}
        ${account ? html`<span>${words.account(account.accountNumber)}</span>` : nothing}
        <span>${words.printedOn(formatDate(localToday(), locale))}</span>
      </p>
      ${doc.content}
    </article>
  `;
}
