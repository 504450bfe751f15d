import { PaymentSchema, type DebitAuthorization, type Payment } from '../payment-schemas.js';
import { stateOf, type BillPayConnection, type CallOptions } from './connection.js';
import { idempotentPost, sessionGet } from './request.js';

export interface PayInput {
  readonly amountCents: number;
  readonly token: string;
  readonly statementId?: string | undefined;
  /** The Nacha authorization shown and accepted, for a bank account. */
  readonly authorization?: DebitAuthorization | undefined;
  /** Repeat an earlier attempt under its key (e.g. after the page lost the answer). */
  readonly idempotencyKey?: string | undefined;
}

/**
 * Pays `amountCents` of the account with a processor token. One idempotency key is made per
 * call (or pass the key of an attempt being repeated): network errors, 429 and 5xx are retried
 * with backoff under that same key, so the patient is charged at most once.
 * @throws PaymentDeclinedError (CardExpiredError, InsufficientFundsError), AmountNotAllowedError, SessionExpiredError,
 *   AuthorizationRequiredError (a bank account without an accepted Nacha authorization)
 */
export function createPayment(connection: BillPayConnection, input: PayInput, { signal }: CallOptions = {}): Promise<Payment> {
  const { amountCents, token, statementId, authorization, idempotencyKey } = input;
  const body = { amountCents, token, ...(statementId ? { statementId } : {}), ...(authorization ? { authorization } : {}) };
  return idempotentPost(stateOf(connection), 'v1/payments', PaymentSchema, body, idempotencyKey, signal);
}

/** A payment's receipt. @throws SessionExpiredError */
export function getPayment(connection: BillPayConnection, id: string, { signal }: CallOptions = {}): Promise<Payment> {
  return sessionGet(stateOf(connection), `v1/payments/${encodeURIComponent(id)}`, PaymentSchema, signal);
}
