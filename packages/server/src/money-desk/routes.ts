import { IsoDateSchema } from '@billpay/sdk';
import { AgingReportSchema, DepositDaySchema, MoneyDaySchema } from '@billpay/sdk/admin-desk';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import * as z from 'zod/mini';
import { requireScope, type ApiKeyEnv } from '../http/api-key.js';
import type { ApiDeps } from '../http/context.js';
import { csvAnswer, csvOf, wantsCsv } from '../http/csv.js';
import { json } from '../http/openapi.js';
import { queryOf } from '../http/request.js';
import { AGING_COLUMNS, agingReport } from './aging.js';
import { DAY_COLUMNS, dayLines, moneyDay } from './day.js';
import { depositDay, RECONCILIATION_COLUMNS, type DepositDay, type ReconciliationLine } from './deposits.js';

const Format = z.optional(z.enum(['csv', 'json']));
const DayQuerySchema = z.object({ date: IsoDateSchema, format: Format });
/** At most this many accounts a page of the aging report. */
export const MAX_AGING_PAGE = 1_000;
const AgingQuerySchema = z.object({
  format: Format,
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(MAX_AGING_PAGE))),
  after: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
});

const DAY_HINT = 'Give the day as date=YYYY-MM-DD, and format as csv or json.';

/** A deposit day's lines as the CSV has them: the reconciliation's, or the expected movements alone when the processor did not answer. */
function depositLines(day: DepositDay): (Omit<ReconciliationLine, 'status'> & { status: ReconciliationLine['status'] | 'unreconciled' })[] {
  if (day.reconciliation.status !== 'unavailable') return [...day.reconciliation.lines];
  return day.movements.map((row) => ({ status: 'unreconciled', type: row.type, processorReference: row.processorReference ?? '', method: row.method, paymentId: row.paymentId, expectedCents: row.amountCents, processorCents: null, differenceCents: 0 }));
}

/**
 * Money in and out, for the billing office (issue 14), under `/admin/v1/money` (scope `read`),
 * each as JSON or, with `format=csv` (or `Accept: text/csv`), a CSV download whose cells a
 * spreadsheet never runs as formulas:
 * - `GET /day?date=`: the practice's day (its time zone): payments, refunds, returns, totals by method;
 * - `GET /deposits?date=`: what the processor should pay out that day, by method, net of refunds
 *   and returns, reconciled line by line against the processor's settlement report;
 * - `GET /aging`: balances by account in buckets current, 30, 60, 90+ days, with totals.
 * Only the caller's practice's rows, ever.
 */
export function moneyDeskRoutes(deps: ApiDeps): Hono<ApiKeyEnv> {
  const { db } = deps.database;
  const money = new Hono<ApiKeyEnv>();
  money.use('*', async (c, next) => {
    await next();
    c.header('vary', 'accept');
  });

  money.get('/day', requireScope('read'), queryOf(DayQuerySchema, DAY_HINT), describeRoute({
    operationId: 'getMoneyDay',
    summary: "The practice's day in its time zone: payments, refunds, returned bank debits, totals by method; JSON or CSV",
    responses: { '200': { description: 'The day', content: { ...json(MoneyDaySchema), 'text/csv': { schema: { type: 'string' } } } } },
  }), async (c) => {
    const { date, format } = c.req.valid('query');
    const day = await moneyDay(db, c.var.practice, date);
    if (!wantsCsv(format, c.req.header('accept'))) return c.json(day);
    return csvAnswer(c, csvOf(dayLines(day), DAY_COLUMNS, ['amount']), `money-${date}.csv`);
  });

  money.get('/deposits', requireScope('read'), queryOf(DayQuerySchema, DAY_HINT), describeRoute({
    operationId: 'getDeposits',
    summary: "The deposit the processor should make that day, by method, and its reconciliation with the processor's payout report; JSON or CSV",
    responses: { '200': { description: 'The deposit day', content: { ...json(DepositDaySchema), 'text/csv': { schema: { type: 'string' } } } } },
  }), async (c) => {
    const { date, format } = c.req.valid('query');
    const day = await depositDay(db, deps.processor, c.var.practice, date);
    if (!wantsCsv(format, c.req.header('accept'))) return c.json(day);
    return csvAnswer(c, csvOf(depositLines(day), RECONCILIATION_COLUMNS), `deposits-${date}.csv`);
  });

  money.get('/aging', requireScope('read'), queryOf(AgingQuerySchema, `Give format as csv or json, limit from 1 to ${MAX_AGING_PAGE}, and after as an account number.`), describeRoute({
    operationId: 'getAging',
    summary: 'Balances by account in 30/60/90-day buckets, a page after the account number `after`; CSV is the whole report',
    responses: { '200': { description: 'The aging report', content: { ...json(AgingReportSchema), 'text/csv': { schema: { type: 'string' } } } } },
  }), async (c) => {
    const { format, limit, after } = c.req.valid('query');
    if (!wantsCsv(format, c.req.header('accept'))) return c.json(await agingReport(db, c.var.practice, c.var.now, { limit: limit ?? MAX_AGING_PAGE, after }));
    // The download is the whole report: every account that owes.
    const { rows, asOf } = await agingReport(db, c.var.practice, c.var.now, { limit: Number.MAX_SAFE_INTEGER });
    return csvAnswer(c, csvOf(rows, AGING_COLUMNS), `aging-${asOf}.csv`);
  });

  return money;
}
