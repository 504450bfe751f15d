import { PaymentRequestSchema, type Payment } from '@billpay/sdk';
import type { Context, Hono } from 'hono';
import type { ProcessorGateway } from '../processor/gateway.js';
import { paymentView, takePayment, type PaymentContext, type PaymentOutcome } from './payments.js';
import type { Session } from '../accounts/sessions.js';
import { addressKey } from '../security/secret.js';
import { requireSession } from '../accounts/routes.js';
import { clientAddress, requirePractice, type ApiDeps, type AppEnv } from '../http/context.js';
import { ApiProblem, readJson } from '../http/problem.js';

/** A client's key for one payment attempt: long enough to be unique, short enough to index. */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{16,128}$/;

/**
 * A payment made in a request: the patient is present. Who is paying, as this server saw it, is
 * kept with a bank debit's authorization (Nacha proof), and card-testing limits count by the
 * session and by the address (as a keyed hash).
 */
export function paymentContext(c: Context<AppEnv>, deps: ApiDeps, gateway: ProcessorGateway, session: Session, now: Date): PaymentContext {
  const practice = requirePractice(deps.practices, session.practiceId);
  const ipAddress = clientAddress(c, deps.trustProxy);
  return {
    db: deps.database.db,
    gateway,
    practice,
    accountId: session.accountId,
    now,
    payer: { ipAddress, userAgent: c.req.header('user-agent'), sessionId: session.id, clientHash: addressKey(deps.secret, ipAddress) },
    logger: deps.logger,
    requestId: c.get('requestId'),
  };
}

/** The receipt of a payment that went through; any other outcome is answered as its problem. */
export function receiptOf(outcome: PaymentOutcome, declined: string): Payment {
  if (outcome.kind === 'refunded') {
    throw new ApiProblem(409, 'payment_refunded', 'This payment was closed before the card company finished it, so what it charged was refunded in full. Nothing is owed for it; check your balance and pay again if you wish.', [], {}, {
      paymentId: outcome.payment.id,
    });
  }
  if (outcome.kind === 'declined') {
    throw new ApiProblem(402, 'payment_declined', declined, [], {}, { declineCode: outcome.declineCode, paymentId: outcome.payment.id });
  }
  return outcome.payment;
}

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
    const outcome = await takePayment(paymentContext(c, deps, deps.processor, session, now), key, request);
    return c.json(receiptOf(outcome, 'The payment was declined. Nothing was charged.'), 201);
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
