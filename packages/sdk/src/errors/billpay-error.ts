/** What an error knows of the answer that caused it, when there was one. */
export interface ErrorContext {
  /** The HTTP status of the answer. */
  readonly status?: number | undefined;
  /** The server's id for the request (its `x-request-id`), to find it in the server's log. */
  readonly requestId?: string | undefined;
  readonly cause?: unknown;
}

/**
 * Base of every error the SDK throws. `code` is stable and safe to switch on (each subclass
 * narrows it to its own codes: see `SdkError`); `message` is for developers and logs, never for
 * patients (the elements map `code` to words in the patient's language). `status` and
 * `requestId` say which answer of the server it came from.
 */
export class BillPayError extends Error {
  override name: string = 'BillPayError';
  readonly code: string;
  readonly status: number | undefined;
  readonly requestId: string | undefined;

  constructor(code: string, message: string, context: ErrorContext = {}) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.code = code;
    this.status = context.status;
    this.requestId = context.requestId;
  }
}

/** The names of the SDK's errors: what `isBillPayError` recognizes from another realm. */
export const BILLPAY_ERROR_NAMES: ReadonlySet<string> = new Set([
  'BillPayError',
  'ApiError',
  'InvalidResponseError',
  'NetworkError',
  'TimeoutError',
  'LookupFailedError',
  'LockedOutError',
  'SessionExpiredError',
  'NoSessionError',
  'TokenizationError',
  'AuthorizationRequiredError',
  'PlanPolicyError',
  'PaymentDeclinedError',
  'CardExpiredError',
  'InsufficientFundsError',
  'AmountNotAllowedError',
]);

/**
 * Whether `error` is one the SDK threw: an instance, or (from another realm, e.g. an iframe) an
 * object with one of the SDK's error names and a string `code`. A Node `ECONNREFUSED` or a
 * `DOMException` is not.
 */
export function isBillPayError(error: unknown): error is BillPayError {
  if (error instanceof BillPayError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return typeof code === 'string' && typeof name === 'string' && BILLPAY_ERROR_NAMES.has(name);
}
