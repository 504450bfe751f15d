import { centsToDecimalString } from '@billpay/sdk';
import { stringify } from 'csv-stringify/sync';
import type { Context } from 'hono';

/** CSV when `format=csv`, or without `format` when the caller accepts text/csv; otherwise JSON. */
export function wantsCsv(format: 'csv' | 'json' | undefined, accept: string | undefined): boolean {
  if (format) return format === 'csv';
  return /(?:^|,)\s*text\/csv\s*(?:;|,|$)/i.test(accept ?? '');
}

/**
 * Rows as CSV: one header row of `columns`, CRLF line ends, an empty cell for none. A cell a
 * spreadsheet would run as a formula (=, +, -, @ first: ids and names come from the practice's
 * own imports, which anyone with an import key writes) starts with ' instead. The `dollars`
 * columns hold cents in the rows and are written as dollars, so a refund's "-12.50" stays a number.
 */
export function csvOf<Row extends object>(rows: readonly Row[], columns: readonly (keyof Row & string)[], dollars: readonly (keyof Row & string)[] = []): string {
  const money = new Set<number>(dollars.map((column) => columns.indexOf(column)));
  return stringify(
    rows.map((row) => columns.map((column) => row[column])),
    {
      header: true,
      columns: [...columns],
      record_delimiter: 'windows',
      escape_formulas: true,
      cast: { number: (value, context) => (typeof context.column === 'number' && money.has(context.column) ? centsToDecimalString(value) : String(value)) },
    },
  );
}

/** Answers `csv` as a download named `filename`. */
export function csvAnswer(c: Context, csv: string, filename: string): Response {
  c.header('content-type', 'text/csv; charset=utf-8');
  c.header('content-disposition', `attachment; filename="${filename}"`);
  return c.body(csv);
}
