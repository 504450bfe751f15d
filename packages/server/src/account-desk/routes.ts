import { FeeReasonSchema } from '@billpay/sdk';
import { AccountDetailSchema, AccountSearchSchema, AuditTrailSchema, FeeViewSchema } from '@billpay/sdk/admin';
import { AccountMessagePreferencesSchema, AccountNoticeSchema, AccountNoticesSchema, StopMessagesRequestSchema } from '@billpay/sdk/admin-desk';
import { ReceiptEmailRequestSchema } from '@billpay/sdk/admin-phone';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import * as z from 'zod/mini';
import { FEE_WAIVER_REASONS } from '../db/account-desk-migration.js';
import { billingStaffOnly, requireScope, type ApiKeyEnv } from '../http/api-key.js';
import { clientAddress, type ApiDeps } from '../http/context.js';
import { idempotencyKey } from '../http/idempotency.js';
import { ApiProblem } from '../http/problem.js';
import { json, problem } from '../http/openapi.js';
import { jsonBody } from '../http/request.js';
import { auditTrail } from './audit-trail.js';
import { deskMessagePreferences, stopMessagesAsStaff } from './message-preferences.js';
import { accountDetail } from './detail.js';
import { addFee, waiveFee, type FeeContext } from './fees.js';
import { accountNotices, emailReceipt, resendStatement } from './notices.js';
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

/** Stopping a patient's messages is for the billing office's staff in the console: the record names who. */
const stopStaff = billingStaffOnly("A patient's messages are stopped at their request by the billing office's staff, signed in to the console, whom the consent record names; a practice's key cannot stop them.");

const accountNotFound = () => new ApiProblem(404, 'account_not_found', 'There is no such account at this practice.');
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

const SEARCH_REFUSALS = {
  no_terms: 'Search by name, date of birth (YYYY-MM-DD or MM/DD/YYYY), account number, Bill ID, mobile phone or email.',
  invalid_date: 'That date of birth is not a day of the calendar.',
  too_many_terms: `Search with at most ${MAX_TERMS} terms.`,
} as const;

/**
 * The billing office's account desk, under `/admin/v1/accounts` (issue 14): find an account,
 * see it whole with its audit trail, add and waive fees, its notices (a statement's sent again, a
 * payment's receipt emailed). A search is a POST: what staff type (a
 * date of birth, a Bill ID) never goes in an address, where logs and proxies keep it. An account
 * of another practice is not found, exactly like one that does not exist; a call about an account
 * of the practice is audited with the account, so the account's trail shows who looked.
 */
export function accountDeskRoutes(deps: ApiDeps): Hono<ApiKeyEnv> {
  const { db } = deps.database;
  const desk = new Hono<ApiKeyEnv>();

  desk.post('/search', requireScope('read'), jsonBody(SearchSchema), describeRoute({
    operationId: 'searchAccounts',
    summary: "Find the practice's accounts matching every term of `q`: name, date of birth, account number, Bill ID, mobile phone, email (at most 25)",
    responses: { '200': { description: 'The matches, contact details masked', content: json(AccountSearchSchema) }, '400': problem('`invalid_request`: `q` missing or too long, no term to search by, a date of birth that is no day, too many terms') },
  }), async (c) => {
    const parsed = termsOf(c.req.valid('json').q);
    if (!parsed.ok) {
      throw new ApiProblem(400, 'invalid_request', SEARCH_REFUSALS[parsed.reason], [{ path: ['q'], code: parsed.reason, message: SEARCH_REFUSALS[parsed.reason] }]);
    }
    return c.json(await searchAccounts(db, c.var.practice.id, parsed.terms));
  });

  desk.get('/:id', requireScope('read'), describeRoute({
    operationId: 'getAccount',
    summary: 'An account whole: as the patient sees it, its profile, statements, ledger, payments, plans, estimates and fees',
    responses: { '200': { description: 'The account', content: json(AccountDetailSchema) }, '404': problem('`account_not_found`') },
  }), async (c) => {
    const detail = await accountDetail(db, c.var.practice, idOf(c.req.param('id')), c.var.now);
    if (!detail) throw accountNotFound();
    c.set('auditAccountId', detail.id);
    return c.json(detail);
  });

  desk.get('/:id/audit', requireScope('read'), describeRoute({
    operationId: 'getAccountAudit',
    summary: "An account's audit trail, newest first, 200 a page (`before`: the last row's `at`)",
    parameters: [{ name: 'before', in: 'query', required: false, description: "The `at` of the last row read (an ISO 8601 instant)", schema: { type: 'string' } }],
    responses: { '200': { description: 'A page of the trail', content: json(AuditTrailSchema) }, '400': problem('`invalid_request`: `before` is not an ISO 8601 instant'), '404': problem('`account_not_found`') },
  }), async (c) => {
    const accountId = await accountOf(c.var.practice.id, c.req.param('id'));
    c.set('auditAccountId', accountId);
    const before = c.req.query('before');
    if (before !== undefined && (!ISO_INSTANT.test(before) || Number.isNaN(Date.parse(before)))) {
      throw new ApiProblem(400, 'invalid_request', 'before must be an `at` of this trail (an ISO 8601 instant in UTC).', [{ path: ['before'], code: 'invalid_format', message: 'Expected an ISO 8601 instant.' }]);
    }
    return c.json(await auditTrail(db, c.var.practice.id, accountId, before === undefined ? undefined : new Date(before)));
  });

  desk.get('/:id/messages', requireScope('read'), describeRoute({
    operationId: 'getAccountNotices',
    summary: 'The messages sent or waiting for an account (statement ready, receipt), newest first: kind, channel, address masked, status; never a body or a link',
    responses: { '200': { description: "The account's notices", content: json(AccountNoticesSchema) }, '404': problem('`account_not_found`') },
  }), async (c) => {
    const accountId = await accountOf(c.var.practice.id, c.req.param('id'));
    c.set('auditAccountId', accountId);
    return c.json({ notices: await accountNotices(db, c.var.practice.id, accountId) });
  });

  desk.get('/:id/message-preferences', requireScope('read'), describeRoute({
    operationId: 'getAccountMessagePreferences',
    summary: "What the patient receives: paperless, email and texts on or off (addresses masked), and where each channel's consent stands and when and how it last changed",
    responses: { '200': { description: "The account's message preferences", content: json(AccountMessagePreferencesSchema) }, '404': problem('`account_not_found`') },
  }), async (c) => {
    const accountId = await accountOf(c.var.practice.id, c.req.param('id'));
    c.set('auditAccountId', accountId);
    c.header('cache-control', 'no-store');
    return c.json(await deskMessagePreferences(db, c.var.practice, accountId));
  });

  // Consent is the patient's to give: staff only take it back, on the patient's word, and are named in the record.
  desk.post('/:id/message-preferences', stopStaff, jsonBody(StopMessagesRequestSchema), describeRoute({
    operationId: 'stopAccountMessages',
    summary: 'Stop email and/or texts at the patient\'s request, at once (`false` only: turning a channel on takes the patient\'s own verified consent)',
    description: "Each channel asked for that is on is turned off: the revocation is recorded (source `staff`, the member of staff, the words of `language`, the time, the client address) and the address suppressed, so a statement's or plan's notice already queued is not sent. A channel already off is left as it is. Paperless goes off with the last channel.",
    responses: { '200': { description: 'The preferences as they now are', content: json(AccountMessagePreferencesSchema) }, '400': problem('`invalid_request`: neither `email: false` nor `sms: false`, or a `language` other than `en`, `es`'), '404': problem('`account_not_found`') },
  }), async (c) => {
    const accountId = await accountOf(c.var.practice.id, c.req.param('id'));
    c.set('auditAccountId', accountId);
    const request = c.req.valid('json');
    const act = { staffId: c.var.caller.staffId!, language: request.language, clientAddress: clientAddress(c, deps.trustProxy), now: c.var.now };
    const { stopped, preferences } = await stopMessagesAsStaff(db, c.var.practice, accountId, request, act);
    c.set('auditDetail', `stopped ${stopped.length ? stopped.join(',') : 'none'}`);
    return c.json(preferences);
  });

  // Sending a statement again asks the patient for money: the scope of changing what they owe, as fees.
  desk.post('/:id/statements/:statementId/resend', requireScope('refunds'), idempotencyKey('notice'), describeRoute({
    operationId: 'resendStatement',
    summary: "Queue the statement's \"statement ready\" email again, with a fresh text-to-pay link, to the account's email address; once per Idempotency-Key",
    responses: {
      '201': { description: 'The notice, waiting to be sent', content: json(AccountNoticeSchema) },
      '404': problem('`account_not_found`, `statement_not_found`'),
      '409': problem('`no_email`: the account has no email address; `address_unsubscribed`: the address asked for no more notices; `idempotency_conflict`: the key was used for another statement'),
    },
  }), async (c) => {
    const accountId = await accountOf(c.var.practice.id, c.req.param('id'));
    c.set('auditAccountId', accountId);
    return c.json(await resendStatement(db, c.var.practice.id, accountId, c.req.param('statementId'), c.var.idempotencyKey, c.var.now), 201);
  });

  // A receipt asks nothing of the patient, but it is sent where staff say: the same scope as sending a statement again.
  desk.post('/:id/payments/:paymentId/receipt', requireScope('refunds'), idempotencyKey('notice'), jsonBody(ReceiptEmailRequestSchema), describeRoute({
    operationId: 'emailReceipt',
    summary: "Queue a payment's receipt by email, again or for the first time, to `email` (the address the patient gives) or else the account's own; once per Idempotency-Key",
    description: 'The receipt of a payment that succeeded (a card payment, or a bank debit once it settled). Receipts are transactional: an address that unsubscribed from notices still gets one. The message is delivered as every other (by email, or held in the outbox without a mail service) and is listed in the account\'s notices.',
    responses: {
      '201': { description: 'The receipt, waiting to be sent (its address masked)', content: json(AccountNoticeSchema) },
      '400': problem('`invalid_request`: `email` is not an email address, or longer than 254 characters'),
      '404': problem('`account_not_found`, `payment_not_found`: no such payment on this account of the practice'),
      '409': problem('`payment_not_succeeded`: the payment was declined, is pending or processing, or came back; `no_email`: no `email` and the account has none; `idempotency_conflict`: the key was used for another address'),
    },
  }), async (c) => {
    const accountId = await accountOf(c.var.practice.id, c.req.param('id'));
    c.set('auditAccountId', accountId);
    const notice = await emailReceipt(db, c.var.practice.id, accountId, c.req.param('paymentId'), c.var.idempotencyKey, c.req.valid('json').email, c.var.now);
    c.set('auditDetail', notice.id);
    return c.json(notice, 201);
  });

  // Fees are money the practice asks of the patient, or forgoes: the `refunds` scope, the one for
  // changing what a patient owes, rather than a new scope for keys to be re-issued with.
  desk.post('/:id/fees', requireScope('refunds'), idempotencyKey('fee'), jsonBody(AddFeeSchema), describeRoute({
    operationId: 'addFee',
    summary: 'Add a fee (a `fee` ledger entry, on the newest statement unless `statementId` names one); exactly once per Idempotency-Key',
    responses: { '201': { description: 'The fee', content: json(FeeViewSchema) }, '404': problem('`account_not_found`, `statement_not_found`'), '409': problem('`idempotency_conflict`: the key was used with another body') },
  }), async (c) => {
    const accountId = await accountOf(c.var.practice.id, c.req.param('id'));
    c.set('auditAccountId', accountId);
    return c.json(await addFee(feeContext(c.var), accountId, c.var.idempotencyKey, c.req.valid('json')), 201);
  });

  desk.post('/:id/fees/:entryId/waive', requireScope('refunds'), idempotencyKey('fee'), jsonBody(WaiveFeeSchema), describeRoute({
    operationId: 'waiveFee',
    summary: 'Waive a fee (an `adjustment` entry taking it off, never an edit); once per fee',
    responses: { '201': { description: 'The fee and its waiver', content: json(FeeViewSchema) }, '404': problem('`account_not_found`, `fee_not_found`'), '409': problem('`fee_already_waived`; `idempotency_conflict`') },
  }), async (c) => {
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
