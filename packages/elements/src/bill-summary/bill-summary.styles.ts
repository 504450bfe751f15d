import { css } from 'lit';

export const billSummaryStyles = css`
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

  .muted {
    color: var(--_muted);
    margin: 0;
  }

  .balance {
    display: grid;
    gap: 0.125rem;
    margin: var(--_space) 0;
    padding: var(--_space);
    background: var(--_surface-2);
    border-radius: var(--_radius);
  }

  .balance .label {
    font-weight: 600;
  }

  .balance .amount {
    font-size: 2rem;
    font-weight: 700;
    line-height: 1.2;
    font-variant-numeric: tabular-nums;
  }

  .notice {
    border-inline-start: 6px solid var(--_accent);
    background: var(--_surface-2);
    padding: 0.75rem var(--_space);
    border-radius: calc(var(--_radius) / 2);
    margin: 0 0 var(--_space);
  }

  .notice.warning {
    border-inline-start-color: var(--_danger);
  }

  .plan p {
    margin: 0.5rem 0 0;
  }

  .plan-next {
    font-weight: 700;
  }

  .dispute p {
    margin: 0.5rem 0 0;
  }

  .dispute-heading {
    font-size: 1.0625rem;
    font-weight: 700;
  }

  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.25rem 1rem;
    margin: 0.5rem 0;
  }

  dt {
    color: var(--_muted);
  }

  dd {
    margin: 0;
    font-variant-numeric: tabular-nums;
  }

  .statement {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    margin-block-end: var(--_space);
  }

  .statement-heading {
    font-size: 1.0625rem;
    font-weight: 700;
    margin: 0;
  }

  .table-scroll {
    overflow-x: auto;
    margin: 0.75rem 0;
  }

  .table-scroll:focus-visible {
    outline: 3px solid var(--_focus);
  }

  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.9375rem;
  }

  caption {
    text-align: start;
    font-weight: 600;
    padding-block-end: 0.5rem;
  }

  th,
  td {
    text-align: start;
    padding: 0.5rem;
    border-bottom: 1px solid var(--_border);
    vertical-align: top;
  }

  td.money,
  th.money {
    text-align: end;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }

  .item-meta {
    display: block;
    font-weight: 400;
    color: var(--_muted);
    font-size: 0.875rem;
  }

  tfoot th,
  tfoot td {
    font-weight: 700;
    border-bottom: 0;
  }

  .notes {
    margin: 0.5rem 0 0;
    padding-inline-start: 1.25rem;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    margin-top: var(--_space);
  }

  @media print {
    button,
    .actions {
      display: none !important;
    }
    .statement {
      break-inside: avoid;
    }
  }
`;
