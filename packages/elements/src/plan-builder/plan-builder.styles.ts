import { css } from 'lit';

/** On top of `<pay-form>`'s styles (headings, choices, facts, the authorization): the schedule. */
export const planBuilderStyles = css`
  .intro {
    margin: 0;
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

  .size {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
    gap: var(--_space);
    margin-top: 0.5rem;
  }

  .money-input input {
    max-width: 12rem;
  }

  .count-input {
    max-width: 8rem;
  }

  .plan-summary {
    margin: 0;
    padding: 0.75rem var(--_space);
    background: var(--_surface-2);
    border-radius: var(--_radius);
    font-weight: 600;
  }

  .table-scroll {
    overflow: auto;
    max-height: 28rem;
    margin: 0.5rem 0 0;
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
    font-weight: 700;
    padding-block-end: 0.5rem;
  }

  th,
  td {
    text-align: start;
    padding: 0.375rem 0.5rem;
    border-bottom: 1px solid var(--_border);
  }

  thead th {
    position: sticky;
    top: 0;
    background: var(--_surface);
  }

  .money {
    text-align: end;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }

  tfoot th,
  tfoot td {
    font-weight: 700;
    border-bottom: 0;
  }

  .note {
    margin: 0;
  }

  .next {
    font-size: 1.125rem;
    font-weight: 700;
    margin: 0;
  }

  @media print {
    .table-scroll {
      max-height: none;
      overflow: visible;
    }
    thead th {
      position: static;
    }
  }
`;
