import { html, nothing, type TemplateResult } from 'lit';

/** What a cell shows: text, or a template (a description with its provider and code under it). */
export type DataCell = string | TemplateResult | typeof nothing;

/**
 * How a column reads. `lead` (a date) and `header` (what the row is about, its row header) share
 * the first line of a stacked row; the other kinds are shown one to a line under it, each with the
 * column's label. `text` wraps; `code` (a CPT code with its modifier) never does; `money` and
 * `number` align to the end and never wrap.
 */
export type DataColumnKind = 'lead' | 'header' | 'text' | 'code' | 'money' | 'number';

export interface DataColumn {
  /** The column's header; a stacked row shows it beside each value. */
  readonly label: string;
  readonly kind: DataColumnKind;
  /** What the row comes to for the patient ("Your part"): stressed, and last in a stacked row. */
  readonly emphasis?: boolean;
  /** Show the label in a stacked row even for a `lead` or `header` column (a bare "1" needs "Payment"). */
  readonly labelled?: boolean;
}

/**
 * Under which width of the table's box its rows stack as cards: `narrow` for three or four short
 * columns (a plan's schedule), `medium` for a few with text (fees, payments, an estimate's
 * charges), `wide` for the six columns of itemized charges.
 */
export type StackBelow = 'narrow' | 'medium' | 'wide';

export interface DataTableSpec {
  /** The caption, also the table's accessible name; or `labelledBy`, the id of a heading that names it. */
  readonly caption: string | TemplateResult | { readonly labelledBy: string };
  /** Unique within the render root. */
  readonly id: string;
  readonly columns: readonly DataColumn[];
  readonly rows: readonly (readonly DataCell[])[];
  /**
   * A totals row: its label spans the first `span` columns (by default the `lead` and `header`
   * columns that open the table); `cells` fill the columns after them.
   */
  readonly total?: { readonly label: string; readonly span?: number; readonly cells: readonly DataCell[] };
  readonly stackBelow: StackBelow;
  /** A `part` name for the table's box. */
  readonly part?: string;
}

/**
 * One way to show a table in every element: a real table (caption, column and row headers) that,
 * when its box is too narrow for its columns, shows each row as a card: the date and what it is
 * on the first line, then each amount with its column's label, the patient's part last and
 * stressed. The roles are written out so that a browser that drops a table's semantics once its
 * `display` changes still gives screen readers a table; the labels a card shows are hidden from
 * them, since each cell already has its column header. Styles: `dataTableStyles`.
 */
export function dataTable(spec: DataTableSpec): TemplateResult {
  const { columns } = spec;
  const named = typeof spec.caption === 'object' && 'labelledBy' in spec.caption ? spec.caption.labelledBy : undefined;
  const captionId = named ?? `${spec.id}-caption`;
  const opening = columns.findIndex((c) => c.kind !== 'lead' && c.kind !== 'header');
  const spanned = spec.total?.span ?? (opening < 0 ? columns.length : opening);
  const classOf = (column: DataColumn) => `${column.kind}${column.emphasis ? ' emphasis' : ''}`;
  // An empty cell shows nothing, not even its label (a card then has no line for it).
  const content = (column: DataColumn, value: DataCell) =>
    value !== nothing && value !== '' && (column.labelled ?? (column.kind !== 'lead' && column.kind !== 'header'))
      ? html`<span class="cell-label" aria-hidden="true">${column.label}</span> <span class="cell-value">${value}</span>`
      : value;
  const cell = (column: DataColumn, value: DataCell) =>
    column.kind === 'header'
      ? html`<th role="rowheader" scope="row" class=${classOf(column)}>${content(column, value)}</th>`
      : html`<td role="cell" class=${classOf(column)}>${content(column, value)}</td>`;
  return html`
    <div class="data-table stack-${spec.stackBelow} ${columns.some((c) => c.kind === 'lead') ? 'has-lead' : ''}" part=${spec.part ?? nothing}>
      <table role="table" aria-labelledby=${captionId}>
        ${named ? nothing : html`<caption id=${captionId}>${spec.caption}</caption>`}
        <thead role="rowgroup">
          <tr role="row">
            ${columns.map((column) => html`<th role="columnheader" scope="col" class=${classOf(column)}>${column.label}</th>`)}
          </tr>
        </thead>
        <tbody role="rowgroup">
          ${spec.rows.map((row) => html`<tr role="row">${columns.map((column, i) => cell(column, row[i] ?? nothing))}</tr>`)}
        </tbody>
        ${spec.total
          ? html`<tfoot role="rowgroup">
              <tr role="row">
                <th role="rowheader" scope="row" class="header" colspan=${spanned}>${spec.total.label}</th>
                ${columns.slice(spanned).map((column, i) => cell(column, spec.total?.cells[i] ?? nothing))}
              </tr>
            </tfoot>`
          : nothing}
      </table>
    </div>
  `;
}
