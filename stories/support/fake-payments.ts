/**
 * Payments for the in-memory API: `POST /v1/payments` charges a processor token once per
 * idempotency key (the sandbox's declining cards declined), lowers the balance and what is open,
 * and `GET /v1/payments/{id}` answers a payment made.
 */
import { MIN_PAYMENT_CENTS, PaymentRequestSchema, PaymentSchema, type Account, type Payment } from '@billpay/sdk';
import { createAnswerGate, createIdempotency, json, problem, refusal, type AnswerGate, type FakeAccount } from './fake-http.js';
import type { FakeToken } from './fake-processor.js';

/** The sandbox's test cards (shared/DOMAIN.md): how each one ends at the processor. */
const DECLINING_CARDS: Record<string, 'card_declined' | 'expired_card' | 'incorrect_cvc'> = {
  '4000000000000002': 'card_declined',
  '4000000000000069': 'expired_card',
  '4000000000000127': 'incorrect_cvc',
};

export interface FakePayments {
  /** Payments charged (each idempotency key charges once). */
  readonly payments: Payment[];
  /** Holds, releases or loses the answers of `POST /v1/payments`. */
  readonly gate: AnswerGate;
  /** `POST /v1/payments` for a session's account. */
  pay(session: FakeAccount, key: string | null, raw: string, body: unknown): Promise<Response>;
  /** `GET /v1/payments/{id}`; `undefined` for any other route. */
  route(method: string, path: string, session: FakeAccount | undefined): Response | undefined;
}

export interface FakePaymentsOptions {
  readonly tokens: ReadonlyMap<string, FakeToken>;
  readonly today: string;
  /** Told each payment made, once it is on the account (a plan it pays towards is brought up to date). */
  readonly onPaid: (account: Account, payment: Payment) => void;
}

export function createFakePayments({ tokens, today, onPaid }: FakePaymentsOptions): FakePayments {
  const payments: Payment[] = [];
  const gate = createAnswerGate();
  const idempotent = createIdempotency('payment');

  /** One charge per idempotency key, the balance never below zero. */
  const pay = (session: FakeAccount, key: string | null, raw: string, body: unknown) =>
    idempotent(key, raw, (remember) => {
      const parsed = PaymentRequestSchema.safeParse(body);
      if (!parsed.success) return refusal(400, { code: 'invalid_request', message: 'Some fields are missing or invalid.' });
      const request = parsed.data;
      const account = session.account;
      if (request.amountCents > account.balanceCents) {
        return remember(refusal(422, { code: 'amount_not_allowed', message: 'The amount is more than the balance.', minimumCents: MIN_PAYMENT_CENTS, maximumCents: Math.max(0, account.balanceCents) }));
      }
      const token = tokens.get(request.token);
      if (!token) return refusal(400, { code: 'invalid_token', message: 'The payment method has expired. Enter it again.', param: 'token' });
      if (token.method.kind === 'bank' && !request.authorization) {
        return refusal(422, { code: 'authorization_required', message: 'A bank payment needs the debit authorization.', param: 'authorization' });
      }
      const declined = token.number ? DECLINING_CARDS[token.number] : undefined;
      if (declined) return remember(refusal(402, { code: 'payment_declined', message: 'The card was declined.', declineCode: declined }));
      const remaining = account.balanceCents - request.amountCents;
      const payment = PaymentSchema.parse({
        id: `pay_fake${String(payments.length + 1)}`,
        confirmationNumber: `K7QM-${String(3000 + payments.length)}`,
        status: token.method.kind === 'bank' ? 'processing' : 'succeeded',
        amountCents: request.amountCents,
        statementId: request.statementId ?? null,
        method: token.method,
        createdAt: new Date().toISOString(),
        remainingBalanceCents: remaining,
      });
      payments.push(payment);
      applyPayment(session.account, payment, today);
      onPaid(session.account, payment);
      return remember({ status: 201, json: payment });
    });

  return {
    payments,
    gate,
    pay: (session, key, raw, body) => gate.pass(() => pay(session, key, raw, body)),
    route(method, path, session) {
      const match = /^\/v1\/payments\/([^/]+)$/.exec(path);
      if (method !== 'GET' || !match) return undefined;
      if (!session) return problem(401, 'session_expired', 'Your session has ended.');
      const payment = payments.find((p) => p.id === decodeURIComponent(match[1] ?? ''));
      return payment ? json(200, payment) : problem(404, 'payment_not_found', 'There is no such payment on this account.');
    },
  };
}

/** A payment lowers the balance and what is open, oldest statement first (or the one named). */
function applyPayment(account: Account, payment: Payment, today: string): void {
  let left = payment.amountCents;
  const statements = [...account.statements].sort((a, b) => (a.id === payment.statementId ? -1 : b.id === payment.statementId ? 1 : a.statementDate.localeCompare(b.statementDate)));
  for (const statement of statements) {
    const applied = Math.min(left, statement.openCents);
    statement.openCents -= applied;
    left -= applied;
  }
  account.balanceCents -= payment.amountCents;
  account.payments = [
    ...account.payments,
    { id: payment.id, statementId: payment.statementId, postedOn: today, amountCents: payment.amountCents, method: payment.method.kind, status: payment.status },
  ];
  if (account.balanceCents <= 0) {
    account.nextStep = { kind: 'paid_in_full' };
    delete account.dueDate;
  }
}
