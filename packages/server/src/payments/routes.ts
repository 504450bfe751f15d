import { PaymentRequestSchema } from '@billpay/sdk';
import type { Hono } from 'hono';
import type { ApiDeps, AppEnv } from '../http/context.js';
import { idempotencyKeyOf } from '../http/idempotency.js';
import { ApiProblem, readJson } from '../http/problem.js';
import { paymentContext, requireSession } from '../http/session.js';
import { paymentOfAccount, receiptOf, takePayment } from './payments.js';

/** `POST /v1/payments` and `GET /v1/payments/:id`, scoped to the session's account. */
export function mountPayments(app: Hono<AppEnv>, deps: ApiDeps): void {
  const withSession = requireSession(deps);

  app.post('/v1/payments', withSession, async (c) => {
    const key = idempotencyKeyOf(c, 'payment attempt');
    // The server's own keys (a plan's installments and pay-offs): a client's key must never stand
    // for one of those charges, nor be taken for one.
    if (/^plan(?:-installment)?:/i.test(key)) {
      throw new ApiProblem(400, 'idempotency_key_reserved', 'Idempotency-Key values starting with "plan:" or "plan-installment:" are the server’s own; send another.');
    }
    const request = await readJson(c, PaymentRequestSchema);
    if (!deps.processor) throw new ApiProblem(503, 'payments_unavailable', 'Online payments are not available right now.');
    const outcome = await takePayment(paymentContext(c, deps, deps.processor), key, request);
    return c.json(receiptOf(outcome, 'The payment was declined. Nothing was charged.'), 201);
  });

  app.get('/v1/payments/:id', withSession, async (c) => {
    const payment = await paymentOfAccount(deps.database.db, c.req.param('id'), c.var.session.accountId);
    if (!payment) throw new ApiProblem(404, 'payment_not_found', 'There is no such payment on this account.');
    return c.json(payment);
  });
}
