import { css, unsafeCSS, type CSSResult } from 'lit';

/**
 * A table's rows as cards, for a box too narrow for its columns: the `lead` (a date) and the row
 * header side by side at the top, each wrapping in its own column, then one line per value with
 * its column's label, the patient's part last. The column headers stay for screen readers (hidden
 * from view, not from them).
 */
function stacked(table: string): CSSResult {
  const t = unsafeCSS(table);
  return css`
    ${t} table,
    ${t} caption,
    ${t} tbody,
    ${t} tfoot,
    ${t} tr,
    ${t} th,
    ${t} td {
      display: block;
    }

    ${t} thead {
      position: absolute;
      width: 1px;
      height: 1px;
      margin: -1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }

    ${t} tr {
      border: 1px solid var(--_border);
      border-radius: calc(var(--_radius) / 2);
      padding: 0.5rem 0.625rem;
      margin-block-end: 0.5rem;
    }

    ${t} tfoot tr {
      background: var(--_surface-2);
    }

    ${t} th,
    ${t} td {
      border: 0;
      padding: 0.125rem 0;
      text-align: start;
    }

    ${t}.has-lead tr {
      display: grid;
      /* What the row is about gets the room; the date wraps within a third of it. */
      grid-template-columns: fit-content(35%) minmax(min-content, 1fr);
      column-gap: 0.75rem;
    }

    ${t}.has-lead tr > :not(.lead, .header) {
      grid-column: 1 / -1;
    }

    ${t} .header {
      font-weight: 700;
    }

    ${t} td:not(.lead) {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      column-gap: 0.5rem;
    }

    ${t} td:empty {
      display: none;
    }

    ${t} .cell-label {
      display: inline;
      color: var(--_muted);
      font-weight: 400;
    }

    ${t} .header .cell-label {
      color: inherit;
      font-weight: inherit;
    }

    ${t} td.emphasis {
      border-top: 1px solid var(--_border);
      margin-top: 0.25rem;
      padding-top: 0.375rem;
    }

    ${t} td.emphasis .cell-label {
      color: inherit;
      font-weight: 700;
    }
  `;
}

/** The look of `dataTable()`: a plain table where its columns fit, cards where they do not. */
export const dataTableStyles = css`
  .data-table {
    container-type: inline-size;
    margin: 0.75rem 0;
  }

  .data-table table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.9375rem;
  }

  .data-table caption {
    text-align: start;
    font-weight: 600;
    padding-block-end: 0.5rem;
  }

  /* Words wrap between words, never inside one: a column is at least as wide as its longest word. */
  .data-table th,
  .data-table td,
  .data-table caption {
    overflow-wrap: break-word;
  }

  .data-table th,
  .data-table td {
    text-align: start;
    padding: 0.5rem 0.375rem;
    border-bottom: 1px solid var(--_border);
    vertical-align: top;
  }

  .data-table thead th {
    vertical-align: bottom;
  }

  .data-table tbody th {
    font-weight: 600;
  }

  .data-table .money,
  .data-table .number {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }

  .data-table .cell-value {
    white-space: nowrap;
  }

  .data-table .text .cell-value {
    white-space: normal;
  }

  .data-table .emphasis {
    font-weight: 700;
  }

  .data-table tfoot th,
  .data-table tfoot td {
    font-weight: 700;
    border-bottom: 0;
  }

  .data-table .cell-label {
    display: none;
  }

  .data-table .item-meta {
    display: block;
    font-weight: 400;
    color: var(--_muted);
    font-size: 0.875rem;
  }

  @container (max-width: 32rem) {
    ${stacked('.stack-wide')}
  }

  /* Six columns (itemized charges) fit a box just over 32rem when set a little tighter. */
  @container not (max-width: 32rem) {
    .stack-wide table {
      font-size: 0.875rem;
    }

    .stack-wide th,
    .stack-wide td {
      padding-inline: 0.3rem;
    }
  }

  @container (max-width: 28rem) {
    ${stacked('.stack-medium')}
  }

  @container (max-width: 16rem) {
    ${stacked('.stack-narrow')}
  }

  @media print {
    .data-table tr {
      break-inside: avoid;
    }
  }
`;

