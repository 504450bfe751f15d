import { css } from 'lit';

/**
 * Inside `<good-faith-estimate>`, the document's text is the size of the element's (as it was when
 * the document was part of it), whatever sets it; on paper `estimateTextStyles` sets it after this.
 */
export const textSizeOfHost = css`
  :host {
    font-size: inherit;
  }
`;

/**
 * Headings and text shared by `<good-faith-estimate>`'s forms and the estimate document, and the
 * colours of both on paper (black on white whatever the screen's scheme).
 */
export const estimateTextStyles = css`
  .heading {
    font-size: 1.25rem;
    font-weight: 700;
    margin: 0;
  }

  .heading:focus {
    outline: none;
  }

  .heading:focus-visible {
    outline: 3px solid var(--_focus);
  }

  .subheading {
    font-size: 1.125rem;
    font-weight: 700;
    margin: 1.5rem 0 0.5rem;
  }

  .intro,
  .muted {
    margin: 0;
  }

  .muted,
  .meta,
  .item-meta {
    color: var(--_muted);
  }

  @media print {
    :host {
      color-scheme: light;
      color: #000;
      background: #fff;
      font-size: 11pt;
      --_muted: #333;
      --_border: #666;
      --_accent: #000;
    }
    .heading,
    .subheading,
    caption {
      break-after: avoid;
    }
    a {
      color: inherit;
    }
  }
`;

/** The estimate as a document: its facts, total, providers and disclaimers, on screen and on paper. */
export const estimateDocumentStyles = css`
  .document > .heading {
    margin-block-end: 0.5rem;
  }

  .provider-heading {
    font-size: 1.0625rem;
    font-weight: 700;
    margin: 0;
  }

  /*
   * A fact's name beside its value where both fit, the value under its name where they do not
   * (a phone, a narrow column): each pair wraps on its own, no width is assumed.
   */
  dl.facts {
    display: grid;
    gap: 0.375rem;
    margin: 0.75rem 0;
  }

  .facts > div {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1rem;
  }

  /* Beside its value a name takes 10rem; above it, the whole line (it grows, the value grows 1,000 times faster). */
  .facts dt {
    flex: 1 0 10rem;
    color: var(--_muted);
  }

  .facts dd {
    flex: 1000 1 12rem;
    min-width: 0;
    margin: 0;
    overflow-wrap: break-word;
  }

  .code {
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }

  /*
   * Long, read aloud and copied from here: on a line of its own under its name rather than broken
   * beside it, and broken anywhere only where even a line of its own is too narrow.
   */
  .facts .estimate-number {
    flex-basis: max-content;
    white-space: normal;
    overflow-wrap: anywhere;
  }

  .total {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0.5rem;
    align-items: baseline;
    margin: var(--_space) 0;
    padding: var(--_space);
    background: var(--_surface-2);
    border-radius: var(--_radius);
    font-weight: 600;
  }

  .total strong {
    font-size: 1.75rem;
    font-variant-numeric: tabular-nums;
  }

  .provider {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    margin-block-end: var(--_space);
  }

  .disclaimers {
    border-inline-start: 6px solid var(--_accent);
    padding-inline-start: var(--_space);
  }

  .disclaimers p {
    margin: 0 0 0.75rem;
  }

  /*
   * On paper (Letter, the page's own margins): every column in full, no heading left alone at the
   * foot of a page, a provider's name, role and numbers kept together, and its charges kept
   * together (their caption names the provider). A provider may break between the two, its box
   * drawn on both pages, rather than leave half a page empty: one provider's box is about half a
   * Letter page, and the Spanish words are longer.
   */
  @media print {
    .provider-heading,
    .provider > .muted {
      break-after: avoid;
    }
    .facts,
    .total,
    .provider table,
    .disclaimers p,
    tr {
      break-inside: avoid;
    }
    .provider {
      border-radius: 0;
      padding: 0.5rem 0.75rem;
      box-decoration-break: clone;
    }
    .total {
      border: 1px solid #000;
    }
    .disclaimers {
      border-inline-start-width: 3px;
    }
  }
`;

/**
 * What the saved file adds to the document's own styles (which it carries, `:host` made its root):
 * a readable column on a desktop, the full width of a phone, and Letter paper's margins.
 */
export const estimateFileStyles = `
  body { max-width: 52rem; margin: 0 auto; padding: 1.5rem 1rem; }
  @media (max-width: 30rem) { body { padding: 1rem 0.75rem; } }
  @page { size: letter; margin: 0.6in; }
  @media print { body { max-width: none; padding: 0; } }
`;
