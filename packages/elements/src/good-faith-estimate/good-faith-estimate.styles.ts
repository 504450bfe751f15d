import { css } from 'lit';

export const goodFaithEstimateStyles = css`
  .heading {
    font-size: 1.25rem;
    font-weight: 700;
    margin: 0;
  }

  .document > .heading {
    margin-block-end: 0.5rem;
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

  .provider-heading {
    font-size: 1.0625rem;
    font-weight: 700;
    margin: 0;
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

  fieldset {
    display: grid;
    gap: 0.75rem;
  }

  fieldset.nested {
    margin-top: 0.25rem;
  }

  select {
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 2px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    padding: 0.5rem 0.75rem;
    min-height: 44px;
    width: 100%;
  }

  /* The category list is as wide as its column, never as wide as its longest name. */
  .search {
    display: grid;
    gap: 0.75rem;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr));
  }

  .search > * {
    min-width: 0;
  }

  .service-list,
  .chosen ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }

  .service-list {
    max-height: 28rem;
    overflow-y: auto;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5rem;
  }

  .service-list li {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    gap: 0 0.75rem;
    align-items: start;
    padding: 0.25rem 0;
    border-bottom: 1px solid var(--_border);
  }

  .service-list li:last-child {
    border-bottom: 0;
  }

  .service-list label {
    font-weight: 600;
  }

  .service-list .meta {
    grid-column: 2;
    display: grid;
    font-size: 0.9375rem;
  }

  input[type='checkbox'],
  input[type='radio'] {
    width: 1.5rem;
    height: 1.5rem;
    min-height: 0;
    margin: 0.125rem 0 0;
    accent-color: var(--_accent);
  }

  .choice {
    display: flex;
    gap: 0.75rem;
    align-items: flex-start;
  }

  /* A long label must not squeeze its box. */
  .choice > input {
    flex: none;
  }

  .choice label {
    font-weight: 400;
  }

  .chosen {
    background: var(--_surface-2);
    border-radius: var(--_radius);
    padding: var(--_space);
  }

  .chosen .subheading {
    margin-top: 0;
  }

  .chosen > ul > li {
    display: grid;
    gap: 0.25rem;
    padding-bottom: 0.5rem;
    border-bottom: 1px solid var(--_border);
  }

  .chosen-name {
    margin: 0;
    font-weight: 600;
  }

  .chosen-name .meta {
    font-weight: 400;
  }

  ul.included {
    gap: 0.25rem;
    padding-inline-start: 0.5rem;
  }

  .running-total {
    font-weight: 700;
    margin: 0.75rem 0 0;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
    margin-top: var(--_space);
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

  .saved {
    margin: 0.5rem 0 0;
  }

  /*
   * On paper (Letter, the page's own margins): black on white whatever the screen's scheme, no
   * buttons, every column in full, a provider kept on one page where it fits, and no heading left
   * alone at the foot of a page.
   */
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
    .actions,
    .saved,
    button {
      display: none !important;
    }
    .heading,
    .subheading,
    .provider-heading,
    caption {
      break-after: avoid;
    }
    .facts > div,
    .total,
    .provider,
    .disclaimers p,
    tr {
      break-inside: avoid;
    }
    .provider {
      border-radius: 0;
      padding: 0.5rem 0.75rem;
    }
    .total {
      border: 1px solid #000;
    }
    .disclaimers {
      border-inline-start-width: 3px;
    }
    a {
      color: inherit;
    }
  }
`;

/**
 * What the saved file adds to the element's own styles (which it carries, `:host` made its root):
 * a readable column on a desktop, the full width of a phone, and Letter paper's margins.
 */
export const estimateFileStyles = `
  body { max-width: 52rem; margin: 0 auto; padding: 1.5rem 1rem; }
  @media (max-width: 30rem) { body { padding: 1rem 0.75rem; } }
  @page { size: letter; margin: 0.6in; }
  @media print { body { max-width: none; padding: 0; } }
`;
