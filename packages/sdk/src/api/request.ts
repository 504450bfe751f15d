import { isHTTPError, isNetworkError as isKyNetworkError, isTimeoutError, type KyInstance, type Options } from 'ky';
import type * as z from 'zod/mini';
import { ApiError } from '../errors/api-error.js';
import { apiErrorCodeOf } from '../errors/api-error-codes.js';
import { AuthorizationRequiredError } from '../errors/authorization-error.js';
import { InvalidResponseError } from '../errors/invalid-response-error.js';
import { LockedOutError } from '../errors/locked-out-error.js';
import { LookupFailedError } from '../errors/lookup-failed-error.js';
import { NetworkError, TimeoutError } from '../errors/network-error.js';
import { AmountNotAllowedError, CardExpiredError, InsufficientFundsError, PaymentDeclinedError } from '../errors/payment-errors.js';
import { PlanPolicyError } from '../errors/plan-errors.js';
import { NoSessionError, SessionExpiredError } from '../errors/session-expired-error.js';
import { ApiErrorBodySchema, type ApiIssue } from '../schemas.js';
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
    throw new InvalidResponseError(`The billing service sent an answer to ${path} that this SDK's schema refuses (another API version, or a proxy's page?).`, parsed.error.issues);
  }
  return parsed.data;
}

/** The session's `authorization` header. @throws NoSessionError when there is no session. */
export function bearer(state: ConnectionState): Record<string, string> {
  if (!state.token) throw new NoSessionError();
  return { authorization: `Bearer ${state.token}` };
}

/** Runs a call of the session, forgetting the token when the server says it has ended. */
export async function withSession<T>(state: ConnectionState, run: () => Promise<T>): Promise<T> {
  const token = state.token;
  try {
    return await run();
  } catch (error) {
    // Only the session this call used: a lookup may have opened a new one meanwhile.
    if (error instanceof SessionExpiredError && state.token === token) state.token = undefined;
    throw error;
  }
}

/** Where a failed call went, as a developer reads it: the method and the address without its query. */
function where(request: Request | undefined): { method?: string; url?: string } {
  if (!request) return {};
  const url = new URL(request.url);
  return { method: request.method, url: `${url.origin}${url.pathname}` };
}

/** The refusal's issues as a developer reads them: "amountCents: Too small (minimum 100)". */
function issuesText(issues: readonly ApiIssue[]): string {
  return issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; ');
}

function toBillPayError(error: unknown): Error {
  if (isHTTPError(error)) {
    const { status, headers } = error.response;
    const retryAfter = Number(headers.get('retry-after'));
    const parsed = ApiErrorBodySchema.safeParse(error.data);
    const at = where(error.request);
    const requestId = (parsed.success ? parsed.data.error.requestId : undefined) ?? headers.get('x-request-id') ?? undefined;
    const context = { status, requestId };
    if (parsed.success) {
      const { code, issues, retryAt } = parsed.data.error;
      const detail = issues?.length ? ` (${issuesText(issues)})` : '';
      // For developers and logs: what was called, what it answered, why, and the request to find.
      const message = `${at.method ?? ''} ${at.url ?? ''} answered ${status} ${code}: ${parsed.data.error.message}${detail}${requestId ? ` [request ${requestId}]` : ''}`.trim();
      const planRules = parsed.data.error.planRules;
      if (planRules?.[0]) return new PlanPolicyError([planRules[0], ...planRules.slice(1)], context);
      if (code === 'lookup_failed') return new LookupFailedError(message, context);
      if (code === 'payment_declined') {
        const reason = PaymentDeclineCodeSchema.safeParse(parsed.data.error.declineCode);
        const paymentId = parsed.data.error.paymentId;
        if (!reason.success) return new PaymentDeclinedError('card_declined', message, paymentId, context);
        if (reason.data === 'expired_card') return new CardExpiredError(message, paymentId, context);
        if (reason.data === 'insufficient_funds') return new InsufficientFundsError(message, paymentId, context);
        return new PaymentDeclinedError(reason.data, message, paymentId, context);
      }
      if (code === 'amount_not_allowed') {
        return new AmountNotAllowedError(message, parsed.data.error.minimumCents, parsed.data.error.maximumCents, context);
      }
      if (code === 'authorization_required' || code === 'authorization_invalid') {
        return new AuthorizationRequiredError(code, message, parsed.data.error.param, context);
      }
      if (code === 'session_expired') return new SessionExpiredError(message, context);
      if (code === 'locked_out') {
        const until = retryAt ? new Date(retryAt) : new Date(Date.now() + (Number.isFinite(retryAfter) ? retryAfter : 900) * 1000);
        return new LockedOutError(Number.isNaN(until.getTime()) ? new Date(Date.now() + 900_000) : until, message, parsed.data.error.stepUp, context);
      }
      return new ApiError(status, apiErrorCodeOf(code), message, issues ?? [], Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined, parsed.data.error.param, { requestId, serverCode: code });
    }
    return new ApiError(status, 'http_error', `${at.method ?? ''} ${at.url ?? ''} answered ${status} without the API's error body (a proxy or another server answered?)`.trim(), [], undefined, undefined, { requestId });
  }
  if (isTimeoutError(error)) {
    const at = where(error.request);
    return new TimeoutError(`${at.method} ${at.url} did not answer in time (the client's timeout, 15 s unless set).`, { ...at, cause: error });
  }
  if (isKyNetworkError(error)) {
    const at = where(error.request);
    return new NetworkError(`${at.method} ${at.url} could not be reached: offline, DNS, TLS, or (in a browser) an origin the practice's allowedOrigins does not list.`, { ...at, cause: error });
  }
  if (error instanceof SyntaxError) {
    return new InvalidResponseError('The billing service sent a response that is not JSON.', [], { cause: error });
  }
  if (error instanceof TypeError) return new NetworkError(`The billing service could not be reached: ${error.message}`, { cause: error });
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
