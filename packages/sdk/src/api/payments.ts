import { PaymentSchema, type DebitAuthorization, type Payment } from '../schemas.js';
import { stateOf, type BillPayConnection, type CallOptions } from './connection.js';
import { bearer, IDEMPOTENT_RETRY, newIdempotencyKey, request, withSession } from './request.js';

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
  const state = stateOf(connection);
  const { amountCents, token, statementId, authorization, idempotencyKey = newIdempotencyKey() } = input;
  return withSession(state, () =>
    request(state.http, 'v1/payments', PaymentSchema, {
      method: 'post',
      json: { amountCents, token, ...(statementId ? { statementId } : {}), ...(authorization ? { authorization } : {}) },
      headers: { ...bearer(state), 'idempotency-key': idempotencyKey },
      // Safe to repeat: the server answers a repeated key with the first answer.
      retry: IDEMPOTENT_RETRY,
      signal,
    }),
  );
}

/** A payment's receipt. @throws SessionExpiredError */
export function getPayment(connection: BillPayConnection, id: string, { signal }: CallOptions = {}): Promise<Payment> {
  const state = stateOf(connection);
  return withSession(state, () => request(state.http, `v1/payments/${encodeURIComponent(id)}`, PaymentSchema, { headers: bearer(state), signal }));
}
