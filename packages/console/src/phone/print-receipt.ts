/**
 * Prints the receipt as a document of its own, the way the widget prints its documents
 * (`@billpay/elements` print/): rendered into a container first in `document.body`, in a shadow
 * root of its own, with the widget's print styles, and a constructed stylesheet (allowed under the
 * console's strict CSP) that hides the rest of the page until `afterprint`. Not the widget's
 * `printDocument` itself: its practice header brings the widget's whole dictionary, which would
 * then land in the console's first screen.
 */
import { adoptStyles, html, render, type CSSResultOrNative, type TemplateResult } from 'lit';
import { tokens } from '@billpay/elements/parts.js';
import { pageWhilePrinting, printDocumentStyles, printReset, PRINT_ROOT_ID } from '@billpay/elements/payment-parts.js';

/** Prints `content` under the heading `title`; focus goes back to `button` once printing is done. */
export async function printReceipt(title: string, lang: string, content: TemplateResult, styles: readonly CSSResultOrNative[], button: HTMLElement): Promise<void> {
  document.getElementById(PRINT_ROOT_ID)?.remove();
  const container = document.createElement('div');
  container.id = PRINT_ROOT_ID;
  container.lang = lang;
  const root = container.attachShadow({ mode: 'open' });
  adoptStyles(root, [printReset, tokens, ...styles, printDocumentStyles]);
  render(html`<article class="document"><h1>${title}</h1>${content}</article>`, root);
  document.body.prepend(container);
  const page = pageWhilePrinting();
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, page];
  const pageTitle = document.title;
  document.title = title;
  const done = () => {
    container.remove();
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((sheet) => sheet !== page);
    document.title = pageTitle;
    window.removeEventListener('afterprint', done);
    if (button.isConnected) button.focus({ preventScroll: true });
  };
  window.addEventListener('afterprint', done);
  await document.fonts.ready;
  window.print();
}
