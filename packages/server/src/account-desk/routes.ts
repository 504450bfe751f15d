import { FeeReasonSchema } from '@billpay/sdk';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { FEE_WAIVER_REASONS } from '../db/account-desk-migration.js';
import { requireScope, type ApiKeyEnv } from '../http/api-key.js';
import type { ApiDeps } from '../http/context.js';
import { idempotencyKey } from '../http/idempotency.js';
import { ApiProblem } from '../http/problem.js';
import { jsonBody } from '../http/request.js';
import { auditTrail } from './audit-trail.js';
import { accountDetail } from './detail.js';
import { addFee, waiveFee, type FeeContext } from './fees.js';
import { searchAccounts } from './search.js';
import { MAX_QUERY_LENGTH, MAX_TERMS, termsOf } from './terms.js';

/** The longest id looked up (ours are shorter): anything longer is no account of the practice. */
const MAX_ID = 64;
/** The most a fee added by hand may be: $1,000.00. */
const MAX_FEE_CENTS = 100_000;

const SearchSchema = z.object({ q: z.string().check(z.minLength(1), z.maxLength(MAX_QUERY_LENGTH)) });
const Note = z.optional(z.string().check(z.minLength(1), z.maxLength(500)));
const AddFeeSchema = z.object({
  amountCents: z.int().check(z.minimum(1), z.maximum(MAX_FEE_CENTS)),
  reason: FeeReasonSchema,
  statementId: z.optional(z.string().check(z.minLength(1), z.maxLength(MAX_ID))),
  note: Note,
});
const WaiveFeeSchema = z.object({ reason: z.enum(FEE_WAIVER_REASONS), note: Note });

const accountNotFound = () => new ApiProblem(404, 'account_not_found', 'There is no such account at this practice.');
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

const SEARCH_REFUSALS = {
  no_terms: 'Search by name, date of birth (YYYY-MM-DD or MM/DD/YYYY), account number, Bill ID, mobile phone or email.',
  invalid_date: 'That date of birth is not a day of the calendar.',
  too_many_terms: `Search with at most ${MAX_TERMS} terms.`,
} as const;

/**
 * The billing office's account desk, under `/admin/v1/accounts` (issue 14): find an account,
 * see it whole with its audit trail, add and waive fees. A search is a POST: what staff type (a
 * date of birth, a Bill ID) never goes in an address, where logs and proxies keep it. An account
 * of another practice is not found, exactly like one that does not exist; a call about an account
 * of the practice is audited with the account, so the account's trail shows who looked.
 */
export function accountDeskRoutes(deps: ApiDeps): Hono<ApiKeyEnv> {
  const { db } = deps.database;
  const desk = new Hono<ApiKeyEnv>();

  desk.post('/search', requireScope('read'), jsonBody(SearchSchema), async (c) => {
    const parsed = termsOf(c.req.valid('json').q);
    if (!parsed.ok) {
      throw new ApiProblem(400, 'invalid_request', SEARCH_REFUSALS[parsed.reason], [{ path: ['q'], code: parsed.reason, message: SEARCH_REFUSALS[parsed.reason] }]);
    }
    return c.json(await searchAccounts(db, c.var.practice.id, parsed.terms));
  });

  desk.get('/:id', requireScope('read'), async (c) => {
    const detail = await accountDetail(db, c.var.practice, idOf(c.req.param('id')), c.var.now);
    if (!detail) throw accountNotFound();
    c.set('auditAccountId', detail.id);
    return c.json(detail);
  });

  desk.get('/:id/audit', requireScope('read'), async (c) => {
    const accountId = await accountOf(c.var.practice.id, c.req.param('id'));
    c.set('auditAccountId', accountId);
    const before = c.req.query('before');
    if (before !== undefined && (!ISO_INSTANT.test(before) || Number.isNaN(Date.parse(before)))) {
      throw new ApiProblem(400, 'invalid_request', 'before must be an `at` of this trail (an ISO 8601 instant in UTC).', [{ path: ['before'], code: 'invalid_format', message: 'Expected an ISO 8601 instant.' }]);
    }
    return c.json(await auditTrail(db, c.var.practice.id, accountId, before === undefined ? undefined : new Date(before)));
  });

  // Fees are money the practice asks of the patient, or forgoes: the `refunds` scope, the one for
  // changing what a patient owes, rather than a new scope for keys to be re-issued with.
  desk.post('/:id/fees', requireScope('refunds'), idempotencyKey('fee'), jsonBody(AddFeeSchema), async (c) => {
    const accountId = await accountOf(c.var.practice.id, c.req.param('id'));
    c.set('auditAccountId', accountId);
    return c.json(await addFee(feeContext(c.var), accountId, c.var.idempotencyKey, c.req.valid('json')), 201);
  });

  desk.post('/:id/fees/:entryId/waive', requireScope('refunds'), idempotencyKey('fee'), jsonBody(WaiveFeeSchema), async (c) => {
    const accountId = await accountOf(c.var.practice.id, c.req.param('id'));
    c.set('auditAccountId', accountId);
    const entryId = c.req.param('entryId');
    if (entryId.length > MAX_ID) throw new ApiProblem(404, 'fee_not_found', 'There is no such fee on this account.');
    return c.json(await waiveFee(feeContext(c.var), accountId, entryId, c.var.idempotencyKey, c.req.valid('json')), 201);
  });

  /** The route's account, of the practice (404 otherwise); the handler names it in the call's audit row. */
  async function accountOf(practiceId: string, id: string): Promise<string> {
    const found = await db.selectFrom('accounts').select('id').where('id', '=', idOf(id)).where('practice_id', '=', practiceId).executeTakeFirst();
    if (!found) throw accountNotFound();
    return found.id;
  }

  const feeContext = (vars: ApiKeyEnv['Variables']): FeeContext => ({ db, practiceId: vars.practice.id, now: vars.now, requestId: vars.requestId, apiKeyId: vars.caller.keyId, staffId: vars.caller.staffId });

  return desk;
}

function idOf(id: string): string {
  if (id.length > MAX_ID) throw accountNotFound();
  return id;
}
