import { centsToDecimalString, IsoDateSchema } from '@billpay/sdk';
import { stringify } from 'csv-stringify/sync';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { requireScope, type ApiKeyEnv } from '../http/api-key.js';
import type { ApiDeps } from '../http/context.js';
import { queryOf } from '../http/request.js';
import { postingFile, type Posting } from './postings.js';

const PostingsQuerySchema = z.object({
  date: IsoDateSchema,
  format: z.optional(z.enum(['csv', 'json'])),
});

/** The CSV's columns, in order: the JSON rows' fields by the same names. */
export const POSTING_COLUMNS = [
  'movementId',
  'type',
  'postedOn',
  'accountId',
  'statementId',
  'amountCents',
  'amount',
  'method',
  'brand',
  'last4',
  'wallet',
  'processorReference',
  'paymentId',
  'depositOn',
] as const satisfies readonly (keyof Posting)[];

/** CSV when `format=csv`, or without `format` when the caller accepts text/csv; otherwise JSON. */
function wantsCsv(format: 'csv' | 'json' | undefined, accept: string | undefined): boolean {
  if (format) return format === 'csv';
  return /(?:^|,)\s*text\/csv\s*(?:;|,|$)/i.test(accept ?? '');
}

/**
 * `GET /admin/v1/postings?date=YYYY-MM-DD[&format=csv|json]` (scope `read`): the practice's money
 * movements posted that day, and (JSON) the deposits they make (see `postings.ts`). CSV has one
 * header row and the rows only, an empty cell for none.
 */
export function postingRoutes(deps: ApiDeps): Hono<ApiKeyEnv> {
  const postings = new Hono<ApiKeyEnv>();
  postings.get('/', requireScope('read'), queryOf(PostingsQuerySchema, 'Give the day as date=YYYY-MM-DD, and format as csv or json.'), async (c) => {
    const { date, format } = c.req.valid('query');
    const file = await postingFile(deps.database.db, c.var.practice, date);
    c.header('vary', 'accept');
    if (!wantsCsv(format, c.req.header('accept'))) return c.json(file);
    // A cell a spreadsheet would run as a formula (=, +, -, @ first: ids come from the practice's
    // own imports, which anyone with an import key writes) starts with ' instead. The amount goes
    // in as cents and is written as dollars, so a refund's "-12.50" stays a number.
    const csv = stringify(
      file.rows.map((row) => POSTING_COLUMNS.map((column) => (column === 'amount' ? row.amountCents : row[column]))),
      {
        header: true,
        columns: [...POSTING_COLUMNS],
        record_delimiter: 'windows',
        escape_formulas: true,
        cast: { number: (value, context) => (context.column === 'amount' || context.column === POSTING_COLUMNS.indexOf('amount') ? centsToDecimalString(value) : String(value)) },
      },
    );
    c.header('content-type', 'text/csv; charset=utf-8');
    c.header('content-disposition', `attachment; filename="postings-${date}.csv"`);
    return c.body(csv);
  });
  return postings;
}
