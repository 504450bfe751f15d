import { IsoDateSchema } from '@billpay/sdk';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { PostingFileSchema } from '../admin/answer-schemas.js';
import * as z from 'zod/mini';
import { requireScope, type ApiKeyEnv } from '../http/api-key.js';
import type { ApiDeps } from '../http/context.js';
import { csvAnswer, csvOf, wantsCsv } from '../http/csv.js';
import { json } from '../http/openapi.js';
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

/**
 * `GET /admin/v1/postings?date=YYYY-MM-DD[&format=csv|json]` (scope `read`): the practice's money
 * movements posted that day, and (JSON) the deposits they make (see `postings.ts`). CSV has one
 * header row and the rows only, an empty cell for none.
 */
export function postingRoutes(deps: ApiDeps): Hono<ApiKeyEnv> {
  const postings = new Hono<ApiKeyEnv>();
  postings.get('/', requireScope('read'), queryOf(PostingsQuerySchema, 'Give the day as date=YYYY-MM-DD, and format as csv or json.'), describeRoute({
    operationId: 'getPostings',
    summary: "The posting file: the day's money movements and the deposits they make; JSON, or CSV with `format=csv` or `Accept: text/csv`",
    responses: { '200': { description: 'The posting file', content: { ...json(PostingFileSchema), 'text/csv': { schema: { type: 'string' } } } } },
  }), async (c) => {
    const { date, format } = c.req.valid('query');
    const file = await postingFile(deps.database.db, c.var.practice, date);
    c.header('vary', 'accept');
    if (!wantsCsv(format, c.req.header('accept'))) return c.json(file);
    // The amount goes in as cents and is written as dollars (see `csvOf`).
    const rows = file.rows.map((row) => ({ ...row, amount: row.amountCents }));
    return csvAnswer(c, csvOf(rows, POSTING_COLUMNS, ['amount']), `postings-${date}.csv`);
  });
  return postings;
}
