import { BillPayError, type ErrorContext } from './billpay-error.js';

/**
 * The API could not be reached (offline, DNS, TLS, or a browser refusing a cross-origin answer:
 * see the README's "Embedding" on `allowedOrigins`). `url` is the address called (without its
 * query); `method` its HTTP method.
 */
export class NetworkError extends BillPayError {
  override readonly name: string = 'NetworkError';
  declare readonly code: 'network' | 'timeout';
  readonly url: string | undefined;
  readonly method: string | undefined;

  constructor(message = 'The billing service could not be reached.', context: ErrorContext & { url?: string | undefined; method?: string | undefined } = {}, code: 'network' | 'timeout' = 'network') {
    super(code, message, context);
    this.url = context.url;
    this.method = context.method;
  }
}

/** The API did not answer within the client's `timeout` (default 15 s), after any retries. */
export class TimeoutError extends NetworkError {
  override readonly name = 'TimeoutError';
  declare readonly code: 'timeout';

  constructor(message: string, context: ErrorContext & { url?: string | undefined; method?: string | undefined } = {}) {
    super(message, context, 'timeout');
  }
}

/** A network error or a timeout: either way the patient should try again. */
export function isNetworkError(error: unknown): error is NetworkError {
  return error instanceof NetworkError || ['NetworkError', 'TimeoutError'].includes(String((error as { name?: unknown } | null)?.name));
}

export function isTimeoutError(error: unknown): error is TimeoutError {
  return error instanceof TimeoutError || (error as { name?: unknown } | null)?.name === 'TimeoutError';
}
