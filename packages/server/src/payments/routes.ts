import { PaymentRequestSchema, PaymentSchema } from '@billpay/sdk';
import type { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import type { ApiDeps, AppEnv } from '../http/context.js';
import { idempotencyKey } from '../http/idempotency.js';
import { json, problem } from '../http/openapi.js';
import { ApiProblem } from '../http/problem.js';
import { jsonBody } from '../http/request.js';
import { paymentContext, requireSession } from '../http/session.js';
import { paymentOfAccount, receiptOf, takePayment } from './payments.js';

/** `POST /v1/payments` and `GET /v1/payments/:paymentId`, scoped to the session's account. */
export function mountPayments(app: Hono<AppEnv>, deps: ApiDeps): void {
  const withSession = requireSession(deps);

  app.post('/v1/payments', withSession, idempotencyKey('payment attempt', { refuseServerKeys: true }), jsonBody(PaymentRequestSchema), describeRoute({
    operationId: 'pay',
    summary: 'Pay all or part of the balance with a processor token, exactly once per Idempotency-Key',
    description:
      'Card and bank details never come here: only the token the processor gave the browser. Repeating a key with the same body returns the first answer; with another body, 409.',
    responses: {
      '201': { description: 'Paid (card, wallet) or processing (bank); the receipt', content: json(PaymentSchema) },
      '400': problem('`invalid_request`, `idempotency_key_required`, or `idempotency_key_reserved` (keys starting `plan:` or `plan-installment:` are the server’s own)'),
      '402': problem('`payment_declined`: `declineCode` says why; nothing was charged'),
      '409': problem('`idempotency_conflict`: the key was used for a different payment'),
      '422': problem(
        '`amount_not_allowed`: below $1.00 or above what is owed; `minimumCents`/`maximumCents` give the range. `authorization_required`: a bank account needs `authorization` (the Nacha text shown and `acceptedAt`); `authorization_invalid`: its text is blank or `acceptedAt` is not an ISO 8601 date-time within the last day (5 minutes ahead allowed); `param` names the field. `invalid_token`: the processor does not know the token',
      ),
      '503': problem('`processor_unavailable`: retry with the same key'),
    },
  }), async (c) => {
    const key = c.var.idempotencyKey;
    const request = c.req.valid('json');
    if (!deps.processor) throw new ApiProblem(503, 'payments_unavailable', 'Online payments are not available right now.');
    const outcome = await takePayment(paymentContext(c, deps, deps.processor), key, request);
    return c.json(receiptOf(outcome, 'The payment was declined. Nothing was charged.'), 201);
  });

  app.get('/v1/payments/:paymentId', withSession, describeRoute({
    operationId: 'getPayment',
    summary: "A payment's receipt",
    responses: { '200': { description: 'The receipt', content: json(PaymentSchema) }, '404': problem('`payment_not_found`') },
  }), async (c) => {
    const payment = await paymentOfAccount(deps.database.db, c.req.param('paymentId'), c.var.session.accountId);
    if (!payment) throw new ApiProblem(404, 'payment_not_found', 'There is no such payment on this account.');
    return c.json(payment);
  });
}
