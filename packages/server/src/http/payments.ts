import { PaymentRequestSchema } from '@billpay/sdk';
import type { Hono } from 'hono';
import { paymentView, takePayment } from '../payments/payments.js';
import { requireSession } from './account.js';
import { clientAddress, requirePractice, type ApiDeps, type AppEnv } from './context.js';
import { ApiProblem, readJson } from './problem.js';

/** A client's key for one payment attempt: long enough to be unique, short enough to index. */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{16,128}$/;

/** `POST /v1/payments` and `GET /v1/payments/:id`, scoped to the session's account. */
export function mountPayments(app: Hono<AppEnv>, deps: ApiDeps): void {
  const { db } = deps.database;

  app.post('/v1/payments', async (c) => {
    const now = deps.now();
    const session = await requireSession(c, deps, now);
    const key = c.req.header('idempotency-key') ?? '';
    if (!IDEMPOTENCY_KEY.test(key)) {
      throw new ApiProblem(400, 'idempotency_key_required', 'Send an Idempotency-Key header (16 to 128 letters, digits, -, _, . or :), one per payment attempt.');
    }
    // The server's own keys (a plan's installments and pay-offs): a client's key must never stand
    // for one of those charges, nor be taken for one.
    if (/^plan(?:-installment)?:/i.test(key)) {
      throw new ApiProblem(400, 'idempotency_key_reserved', 'Idempotency-Key values starting with "plan:" or "plan-installment:" are the server’s own; send another.');
    }
    const request = await readJson(c, PaymentRequestSchema);
    if (!deps.processor) throw new ApiProblem(503, 'payments_unavailable', 'Online payments are not available right now.');
    const practice = requirePractice(deps.practices, session.practiceId);
    // Who is paying, as this server saw it: kept with a bank debit's authorization (Nacha proof).
    const payer = { ipAddress: clientAddress(c, deps.trustProxy), userAgent: c.req.header('user-agent') };
    const outcome = await takePayment({ db, gateway: deps.processor, practice, accountId: session.accountId, now, payer }, key, request);
    if (outcome.kind === 'declined') {
      throw new ApiProblem(402, 'payment_declined', 'The payment was declined. Nothing was charged.', [], {}, {
        declineCode: outcome.declineCode,
        paymentId: outcome.payment.id,
      });
    }
    return c.json(outcome.payment, 201);
  });

  app.get('/v1/payments/:id', async (c) => {
    const session = await requireSession(c, deps, deps.now());
    const row = await db
      .selectFrom('payments')
      .selectAll()
      .where('id', '=', c.req.param('id'))
      .where('account_id', '=', session.accountId)
      .executeTakeFirst();
    if (!row) throw new ApiProblem(404, 'payment_not_found', 'There is no such payment on this account.');
    return c.json(paymentView(row));
  });
}
