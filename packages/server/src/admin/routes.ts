import { Hono } from 'hono';
import { accountDeskRoutes } from '../account-desk/routes.js';
import * as z from 'zod/mini';
import { REFUND_REASONS } from '../db/practice-api-migration.js';
import { windowLimiter } from '../edge/rate-limit.js';
import { requireApiKey, requireScope, type ApiKeyEnv } from '../http/api-key.js';
import type { ApiDeps, AppEnv } from '../http/context.js';
import { idempotencyKey } from '../http/idempotency.js';
import { ApiProblem } from '../http/problem.js';
import { jsonBody } from '../http/request.js';
import { mountImportRoutes } from '../imports/routes.js';
import { eventRoutes } from '../events/routes.js';
import { practicePaymentView, takeRefund } from '../payments/refunds.js';
import { moneyDeskRoutes } from '../money-desk/routes.js';
import { planDeskRoutes } from '../plan-desk/routes.js';
import { postingRoutes } from '../postings/routes.js';
import { publicPractice } from '../practices/practices.js';
import { mountStatementRoutes } from '../statements/routes.js';
import { webhookRoutes } from '../webhooks/routes.js';

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
  const admin = new Hono<ApiKeyEnv>();
  admin.use('*', requireApiKey(deps, windowLimiter(options.requestsPerMinute ?? 600, 60_000)));
  admin.use('*', async (c, next) => {
    await next();
    c.header('cache-control', 'no-store');
  });

  admin.get('/practice', requireScope('read'), (c) => c.json(publicPractice(c.var.practice)));

  admin.get('/payments/:id', requireScope('read'), async (c) => {
    const payment = await practicePaymentView(deps.database.db, c.var.practice.id, paymentIdOf(c.req.param('id')));
    if (!payment) throw paymentNotFound();
    return c.json(payment);
  });

  admin.post('/payments/:id/refunds', requireScope('refunds'), idempotencyKey('refund'), jsonBody(RefundRequestSchema), async (c) => {
    const key = c.var.idempotencyKey;
    const request = c.req.valid('json');
    if (!deps.processor) throw new ApiProblem(503, 'payments_unavailable', 'Refunds are not available right now.');
    const { practice, now, caller } = c.var;
    const context = { db: deps.database.db, gateway: deps.processor, practice, now, logger: deps.logger, requestId: c.get('requestId') };
    return c.json(await takeRefund(context, paymentIdOf(c.req.param('id')), key, request, { apiKeyId: caller.keyId, staffId: caller.staffId }), 201);
  });

  // The billing office's account desk: find, see, fees (account-desk/).
  admin.route('/accounts', accountDeskRoutes(deps));
  // Bills in: statement runs as CSV or JSON Lines (imports/).
  mountImportRoutes(admin, deps);
  // Bills out: each statement as the paper the patient is mailed (statements/).
  mountStatementRoutes(admin, deps);
  admin.route('/events', eventRoutes(deps));
  admin.route('/webhook-endpoints', webhookRoutes(deps));
  // Money out: the day's movements and deposits, for the practice's own books (postings/).
  admin.route('/postings', postingRoutes(deps));
  // Money in and out for the billing office: a day, its deposits reconciled, aging (money-desk/).
  admin.route('/money', moneyDeskRoutes(deps));
  // The billing office's plan desk: see a plan, cancel, skip or move an installment, change the amount (plan-desk/).
  admin.route('/plans', planDeskRoutes(deps));

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
