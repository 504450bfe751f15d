import { html, nothing, type TemplateResult } from 'lit';
import { dataTable, type DataTableSpec } from '@billpay/elements/parts.js';

/** A table of a page's section, or the words that say there is nothing to list. */
export interface TableSection extends DataTableSpec {
  /** Said instead of the table when it has no rows ("No payments."). */
  readonly none: string;
  /** Shown above the table, not with `none`: e.g. the heading the table is labelled by. */
  readonly heading?: TemplateResult;
  /** `muted` to say `none` quietly (a list that is often empty). */
  readonly noneClass?: string;
}

/**
 * The console's table sections in one shape: a table that reads as cards when narrow
 * (`dataTable`), or one sentence when there is nothing in it.
 */
export function tableSection({ none, heading, noneClass, ...spec }: TableSection): TemplateResult {
  if (spec.rows.length === 0) return html`<p class=${noneClass ?? nothing}>${none}</p>`;
  return html`${heading ?? nothing}${dataTable(spec)}`;
}
