import { isHTTPError, isNetworkError as isKyNetworkError, isTimeoutError, type KyInstance, type Options } from 'ky';
import type * as z from 'zod/mini';
import { ApiError } from '../errors/api-error.js';
import { AuthorizationRequiredError } from '../errors/authorization-error.js';
import { InvalidResponseError } from '../errors/invalid-response-error.js';
import { LockedOutError } from '../errors/locked-out-error.js';
import { LookupFailedError } from '../errors/lookup-failed-error.js';
import { NetworkError } from '../errors/network-error.js';
import { AmountNotAllowedError, CardExpiredError, InsufficientFundsError, PaymentDeclinedError } from '../errors/payment-errors.js';
import { PlanPolicyError } from '../errors/plan-errors.js';
import { SessionExpiredError } from '../errors/session-expired-error.js';
import { ApiErrorBodySchema } from '../schemas.js';
import { PaymentDeclineCodeSchema } from '../payment-schemas.js';
import type { ConnectionState } from './connection.js';

/** One call to the API, its answer checked against `schema`; every failure becomes one of the SDK's errors. */
export async function request<S extends z.ZodMiniType>(http: KyInstance, path: string, schema: S, init: Options = {}): Promise<z.infer<S>> {
  let body: unknown;
  try {
    body = await http(path, init).json();
  } catch (error) {
    throw toBillPayError(error);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new InvalidResponseError(`The billing service sent an unexpected answer to ${path}.`, parsed.error.issues);
  }
  return parsed.data;
}

/** The session's `authorization` header. @throws SessionExpiredError when there is no session. */
export function bearer(state: ConnectionState): Record<string, string> {
  if (!state.token) throw new SessionExpiredError();
  return { authorization: `Bearer ${state.token}` };
}

/** Runs a call of the session, forgetting the token when the server says it has ended. */
export async function withSession<T>(state: ConnectionState, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof SessionExpiredError) state.token = undefined;
    throw error;
  }
}

function toBillPayError(error: unknown): Error {
  if (isHTTPError(error)) {
    const { status, headers } = error.response;
    const retryAfter = Number(headers.get('retry-after'));
    const parsed = ApiErrorBodySchema.safeParse(error.data);
    if (parsed.success) {
      const { code, message, issues, retryAt } = parsed.data.error;
      const planRules = parsed.data.error.planRules;
      if (planRules?.[0]) return new PlanPolicyError([planRules[0], ...planRules.slice(1)]);
      if (code === 'lookup_failed') return new LookupFailedError(message);
      if (code === 'payment_declined') {
        const reason = PaymentDeclineCodeSchema.safeParse(parsed.data.error.declineCode);
        const paymentId = parsed.data.error.paymentId;
        if (!reason.success) return new PaymentDeclinedError('card_declined', message, paymentId);
        if (reason.data === 'expired_card') return new CardExpiredError(message, paymentId);
        if (reason.data === 'insufficient_funds') return new InsufficientFundsError(message, paymentId);
        return new PaymentDeclinedError(reason.data, message, paymentId);
      }
      if (code === 'amount_not_allowed') {
        return new AmountNotAllowedError(message, parsed.data.error.minimumCents, parsed.data.error.maximumCents);
      }
      if (code === 'authorization_required' || code === 'authorization_invalid') {
        return new AuthorizationRequiredError(code, message, parsed.data.error.param);
      }
      if (code === 'session_expired') return new SessionExpiredError(message);
      if (code === 'locked_out') {
        const at = retryAt ? new Date(retryAt) : new Date(Date.now() + (Number.isFinite(retryAfter) ? retryAfter : 900) * 1000);
        return new LockedOutError(Number.isNaN(at.getTime()) ? new Date(Date.now() + 900_000) : at, message, parsed.data.error.stepUp);
      }
      return new ApiError(
        status,
        code,
        message,
        issues ?? [],
        Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
        parsed.data.error.param,
      );
    }
    return new ApiError(status, `http_${status}`, `The billing service answered ${status}.`);
  }
  if (isKyNetworkError(error) || isTimeoutError(error)) {
    return new NetworkError(undefined, { cause: error });
  }
  if (error instanceof SyntaxError) {
    return new InvalidResponseError('The billing service sent a response that is not JSON.', [], { cause: error });
  }
  if (error instanceof TypeError) return new NetworkError(undefined, { cause: error });
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Retries for a POST the server answers once per Idempotency-Key (or that is harmless to repeat).
 * A 429 that is the API's own refusal (too many declines, a payment already in flight) is an
 * answer to show, not congestion to wait out: it is not retried, whatever its Retry-After says.
 */
export const IDEMPOTENT_RETRY = {
  limit: 4,
  methods: ['post'],
  statusCodes: [408, 429, 500, 502, 503, 504],
  retryOnTimeout: true,
  jitter: true,
  maxRetryAfter: 10_000,
  shouldRetry: ({ error }: { error: Error }) => (isHTTPError(error) && error.response.status === 429 && ApiErrorBodySchema.safeParse(error.data).success ? false : undefined),
};

/** A GET of the session's. @throws SessionExpiredError */
export function sessionGet<S extends z.ZodMiniType>(state: ConnectionState, path: string, schema: S, signal: AbortSignal | undefined): Promise<z.infer<S>> {
  return withSession(state, () => request(state.http, path, schema, { headers: bearer(state), signal }));
}

/**
 * A POST of the session that the server answers once per Idempotency-Key: `idempotencyKey` (a
 * fresh one by default), retried under that same key after network errors, 429 and 5xx, so
 * repeating never does the thing twice.
 */
export function idempotentPost<S extends z.ZodMiniType>(
  state: ConnectionState,
  path: string,
  schema: S,
  json: unknown,
  idempotencyKey: string | undefined,
  signal: AbortSignal | undefined,
): Promise<z.infer<S>> {
  return withSession(state, () =>
    request(state.http, path, schema, {
      method: 'post',
      json,
      headers: { ...bearer(state), 'idempotency-key': idempotencyKey ?? newIdempotencyKey() },
      retry: IDEMPOTENT_RETRY,
      signal,
    }),
  );
}

/** A fresh key for one attempt (RFC 4122 v4, from the platform's CSPRNG). */
function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
