import { css } from 'lit';

export const goodFaithEstimateStyles = css`
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
    max-width: 100%;
  }

  .search {
    display: grid;
    gap: 0.75rem;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr));
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
    grid-template-columns: auto 1fr;
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

  .date {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
  }

  .date .field {
    width: 4.5rem;
  }

  .date .field.year {
    width: 6.5rem;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
    margin-top: var(--_space);
  }


  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.25rem 1rem;
    margin: 0.75rem 0;
  }

  dt {
    color: var(--_muted);
  }

  dd {
    margin: 0;
  }

  .code {
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
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

  @media print {
    :host {
      color: #000;
      background: #fff;
      font-size: 11pt;
    }
    .actions,
    .saved,
    button {
      display: none !important;
    }
    .provider,
    .disclaimers,
    tr {
      break-inside: avoid;
    }
    .total {
      border: 1px solid #000;
    }
    a[href^='http']::after {
      content: ' (' attr(href) ')';
    }
  }
`;

/** The saved file's own stylesheet: the estimate readable and printable with nothing else. */
export const estimateFileStyles = `
  body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; line-height: 1.5; color: #1b2430; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
  .heading { font-size: 1.5rem; font-weight: 700; }
  .subheading { font-size: 1.125rem; font-weight: 700; margin: 1.5rem 0 0.5rem; }
  .provider-heading { font-size: 1.0625rem; font-weight: 700; }
  .muted { color: #4a5565; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
  dt { color: #4a5565; }
  dd { margin: 0; }
  .total { display: flex; justify-content: space-between; padding: 1rem; border: 1px solid #8a96a6; font-weight: 600; }
  .total strong { font-size: 1.5rem; }
  .provider { border: 1px solid #8a96a6; border-radius: 8px; padding: 1rem; margin-bottom: 1rem; break-inside: avoid; }
  .disclaimers { border-left: 6px solid #0b5cad; padding-left: 1rem; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
