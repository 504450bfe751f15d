import { css } from 'lit';

/** The container a printed document is rendered into, first in `document.body`. */
export const PRINT_ROOT_ID = 'billpay-print-root';

/**
 * What the page looks like while a document is being printed: nothing but the document. Adopted
 * by the document (a constructed stylesheet, allowed under a strict CSP) only between Print and
 * `afterprint`. Written to win over a page's own print CSS: `!important`, an id, and adopted
 * sheets come after the page's own.
 */
export function pageWhilePrinting(): CSSStyleSheet {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`
    @media print {
      html, body {
        display: block !important; width: auto !important; min-width: 0 !important; max-width: none !important;
        height: auto !important; min-height: 0 !important; margin: 0 !important; padding: 0 !important;
        overflow: visible !important; background: #fff !important; transform: none !important;
      }
      body > :not(#${PRINT_ROOT_ID}) { display: none !important; }
      #${PRINT_ROOT_ID} {
        display: block !important; position: static !important; visibility: visible !important;
        width: auto !important; margin: 0 !important; padding: 0 !important; float: none !important;
      }
    }
    @media not print {
      #${PRINT_ROOT_ID} { display: none !important; }
    }
    @page { margin: 0.6in 0.6in 0.7in; }
  `);
  return sheet;
}

/** Nothing of the page's inherited text styles reaches the document (its custom properties still do: the page's theme). */
export const printReset = css`
  :host {
    all: initial;
  }
`;

/** The printed document: black on white, the practice at the top, the patient's account under the title. */
export const printDocumentStyles = css`
  :host {
    color-scheme: light;
    --_text: #000;
    --_muted: #333;
    --_border: #666;
    --_surface: #fff;
    --_surface-2: #f2f2f2;
    font-size: 10.5pt;
    line-height: 1.4;
    color: #000;
    background: #fff;
  }

  .document {
    display: block;
  }

  .from {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: baseline;
    gap: 0.25rem 1.5rem;
    padding-block-end: 0.5rem;
    border-bottom: 2px solid #000;
  }

  .practice {
    margin: 0;
    font-size: 14pt;
    font-weight: 700;
  }

  .contact,
  .whose {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1.25rem;
    margin: 0;
  }

  a {
    color: inherit;
    text-decoration: none;
  }

  h1 {
    font-size: 16pt;
    margin: 1rem 0 0.25rem;
  }

  .whose {
    color: var(--_muted);
    margin-block-end: 1rem;
  }

  h2,
  .subheading {
    font-size: 12pt;
    font-weight: 700;
    margin: 1.25rem 0 0.5rem;
    break-after: avoid;
  }

  h3 {
    font-size: 11pt;
    margin: 1rem 0 0.25rem;
    break-after: avoid;
  }

  p {
    margin: 0 0 0.5rem;
  }

  .document > section {
    margin-block-end: 0.75rem;
  }

  button,
  .actions {
    display: none !important;
  }

  /* A box of its own (an authorization, a total) is read whole: never its border on one page and its words on the next. */
  .authorization,
  .total {
    break-inside: avoid;
  }

  /* A statement starts a new page rather than leave its charges apart from it (its own style); a table's rows never split. */
  .data-table caption {
    break-after: avoid;
  }
`;
