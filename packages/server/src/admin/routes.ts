import { PracticeSchema } from '@billpay/sdk';
import { PracticePaymentSchema, RefundSchema } from '@billpay/sdk/admin';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { accountDeskRoutes } from '../account-desk/routes.js';
import { phonePaymentRoutes } from '../phone-payments/routes.js';
import * as z from 'zod/mini';
import { REFUND_REASONS } from '../db/practice-api-migration.js';
import { windowLimiter } from '../edge/rate-limit.js';
import { API_KEY_REFUSALS, requireApiKey, requireScope, type ApiKeyEnv } from '../http/api-key.js';
import type { ApiDeps, AppEnv } from '../http/context.js';
import { idempotencyKey } from '../http/idempotency.js';
import { documented, json, problem, serveOpenApi } from '../http/openapi.js';
import { ApiProblem } from '../http/problem.js';
import { jsonBody } from '../http/request.js';
import { mountImportRoutes } from '../imports/routes.js';
import { eventRoutes } from '../events/routes.js';
import { practicePaymentView, takeRefund } from '../payments/refunds.js';
import { moneyDeskRoutes } from '../money-desk/routes.js';
import { planDeskRoutes } from '../plan-desk/routes.js';
import { postingRoutes } from '../postings/routes.js';
import { publicPractice } from '../practices/practices.js';
import { settingsRoutes } from '../practices/settings-routes.js';
import { mountStatementRoutes } from '../statements/routes.js';
import { webhookRoutes } from '../webhooks/routes.js';
import { apiKeyRoutes } from '../keys/routes.js';

/** `POST /admin/v1/payments/{id}/refunds`: all that is left without `amountCents`, and why. */
const RefundRequestSchema = z.object({
  amountCents: z.optional(z.int().check(z.minimum(1), z.maximum(100_000_000))),
  reason: z.enum(REFUND_REASONS),
});

/** The longest payment id looked up (ours are 36 characters). */
const MAX_PAYMENT_ID = 64;

export interface PracticeApiOptions {
  /** Calls one key may make a minute (per server instance). Default 600. */
  readonly requestsPerMinute?: number | undefined;
}

/**
 * The practice API, `/admin/v1`: a practice's own servers calling with a secret key (see
 * `requireApiKey`), never a browser. Each route names the scope it needs; a payment of another
 * practice is not found, exactly like one that does not exist.
 */
export function mountPracticeApi(app: Hono<AppEnv>, deps: ApiDeps, options: PracticeApiOptions = {}): void {
  // The practice API's own document, generated from the routes below; no key needed to read it.
  app.get('/admin/v1/openapi.json', describeRoute({
    operationId: 'practiceOpenApi',
    summary: 'This document: every operation of the practice API with the scope it needs, generated from the routes',
    security: [],
    responses: { '200': { description: 'The OpenAPI 3.1 document', content: { 'application/json': { schema: { type: 'object' } } } } },
  }), serveOpenApi(app, 'practice'));

  const admin = new Hono<ApiKeyEnv>();
  admin.use('*', documented(requireApiKey(deps, windowLimiter(options.requestsPerMinute ?? 600, 60_000)), API_KEY_REFUSALS));
  admin.use('*', async (c, next) => {
    await next();
    c.header('cache-control', 'no-store');
  });

  admin.get('/practice', requireScope('read'), describeRoute({
    operationId: 'getOwnPractice',
    summary: "The key's practice: its public settings, as `GET /v1/practices/{id}` shows them",
    responses: { '200': { description: 'The practice', content: json(PracticeSchema) } },
  }), (c) => c.json(publicPractice(c.var.practice)));

  admin.get('/payments/:id', requireScope('read'), describeRoute({
    operationId: 'getPracticePayment',
    summary: "A payment of the practice: status, amount, method, the processor's charge, what was refunded and what is left",
    responses: { '200': { description: 'The payment', content: json(PracticePaymentSchema) }, '404': problem('`payment_not_found`: none such at this practice (another practice\'s is not found either)') },
  }), async (c) => {
    const id = paymentIdOf(c.req.param('id'));
    const payment = await practicePaymentView(deps.database.db, c.var.practice.id, id);
    if (!payment) throw paymentNotFound();
    c.set('auditAccountId', await accountOfPayment(deps, c.var.practice.id, id));
    return c.json(payment);
  });

  admin.post('/payments/:id/refunds', requireScope('refunds'), idempotencyKey('refund'), jsonBody(RefundRequestSchema), describeRoute({
    operationId: 'refundPayment',
    summary: 'Refund a payment: `amountCents` of it, or all that is left; exactly once per Idempotency-Key',
    responses: {
      '201': { description: 'The refund', content: json(RefundSchema) },
      '404': problem('`payment_not_found`'),
      '409': problem('`payment_not_refundable`: the money has not arrived (a bank payment not yet settled) or the payment did not succeed; `idempotency_conflict`: the key was used with another body'),
      '422': problem('`amount_exceeds_refundable` (with `maximumCents`): more than is left; `refund_failed`: the processor refused (a new key may try again)'),
      '503': problem('`payments_unavailable`, `processor_unavailable`: the refund stays pending; retry with the same key'),
    },
  }), async (c) => {
    const key = c.var.idempotencyKey;
    const request = c.req.valid('json');
    if (!deps.processor) throw new ApiProblem(503, 'payments_unavailable', 'Refunds are not available right now.');
    const { practice, now, caller } = c.var;
    const context = { db: deps.database.db, gateway: deps.processor, practice, now, logger: deps.logger, requestId: c.get('requestId') };
    const id = paymentIdOf(c.req.param('id'));
    // The call, refused or not, is in the account's trail beside the refund it made.
    c.set('auditAccountId', await accountOfPayment(deps, practice.id, id));
    return c.json(await takeRefund(context, id, key, request, { apiKeyId: caller.keyId, staffId: caller.staffId }), 201);
  });

  // The billing office's account desk: find, see, fees (account-desk/).
  admin.route('/accounts', accountDeskRoutes(deps));
  // Payments the billing office takes by phone (phone-payments/).
  admin.route('/accounts', phonePaymentRoutes(deps));
  // Bills in: statement runs as CSV or JSON Lines (imports/).
  mountImportRoutes(admin, deps);
  // Bills out: each statement as the paper the patient is mailed (statements/).
  mountStatementRoutes(admin, deps);
  admin.route('/events', eventRoutes(deps));
  admin.route('/webhook-endpoints', webhookRoutes(deps));
  // The practice's API keys, for its admins signed in to the console (keys/).
  admin.route('/api-keys', apiKeyRoutes(deps));
  // Money out: the day's movements and deposits, for the practice's own books (postings/).
  admin.route('/postings', postingRoutes(deps));
  // Money in and out for the billing office: a day, its deposits reconciled, aging (money-desk/).
  admin.route('/money', moneyDeskRoutes(deps));
  // The billing office's plan desk: see a plan, cancel, skip or move an installment, change the amount (plan-desk/).
  admin.route('/plans', planDeskRoutes(deps));
  admin.route('/settings', settingsRoutes(deps, deps.settings));

  admin.all('*', (c) => {
    throw new ApiProblem(404, 'not_found', `There is no ${c.req.method} ${new URL(c.req.url).pathname} in the practice API.`);
  });
  app.route('/admin/v1', admin);
}

const paymentNotFound = () => new ApiProblem(404, 'payment_not_found', 'There is no such payment at this practice.');

function paymentIdOf(id: string): string {
  if (id.length > MAX_PAYMENT_ID) throw paymentNotFound();
  return id;
}

/** The account a payment of the practice is on, for the call's audit row (`auditAccountId`, see `requireApiKey`). */
async function accountOfPayment(deps: ApiDeps, practiceId: string, paymentId: string): Promise<string | undefined> {
  const payment = await deps.database.db.selectFrom('payments').select('account_id').where('id', '=', paymentId).where('practice_id', '=', practiceId).executeTakeFirst();
  return payment?.account_id;
}
