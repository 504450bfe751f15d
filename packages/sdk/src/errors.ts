/**
 * `@billpay/sdk/errors`: every error the SDK throws, each with a literal `name` and a guard that
 * also compares it (an error may come from another realm, e.g. an iframe).
 * @module
 */
import type { ApiError } from './errors/api-error.js';
import type { AuthorizationRequiredError } from './errors/authorization-error.js';
import type { InvalidResponseError } from './errors/invalid-response-error.js';
import type { LockedOutError } from './errors/locked-out-error.js';
import type { LookupFailedError } from './errors/lookup-failed-error.js';
import type { NetworkError } from './errors/network-error.js';
import type { AmountNotAllowedError, PaymentDeclinedError } from './errors/payment-errors.js';
import type { PlanPolicyError } from './errors/plan-errors.js';
import type { SessionExpiredError } from './errors/session-expired-error.js';
import type { TokenizationError } from './errors/tokenization-error.js';

export * from './errors/billpay-error.js';
export * from './errors/api-error.js';
export { API_ERROR_CODES, apiErrorCodeOf } from './errors/api-error-codes.js';
export * from './errors/invalid-response-error.js';
export * from './errors/network-error.js';
export * from './errors/lookup-failed-error.js';
export * from './errors/locked-out-error.js';
export * from './errors/session-expired-error.js';
export * from './errors/tokenization-error.js';
export * from './errors/authorization-error.js';
export * from './errors/plan-errors.js';
export * from './errors/payment-errors.js';
export { ApiErrorBodySchema, ApiIssueSchema } from './schemas.js';
export type { ApiErrorBody, ApiIssue } from './schemas.js';

/**
 * Every error the SDK's calls throw, as a union to narrow by `code`: a `switch (error.code)` over
 * an `SdkError` can be checked for exhaustiveness.
 *
 * ```ts
 * catch (error) {
 *   if (!isBillPayError(error)) throw error;
 *   const e = error as SdkError;
 *   switch (e.code) { case 'lookup_failed': ...; case 'locked_out': e.retryAt; ... }
 * }
 * ```
 */
export type SdkError =
  | ApiError
  | InvalidResponseError
  | NetworkError
  | LookupFailedError
  | LockedOutError
  | SessionExpiredError
  | TokenizationError
  | AuthorizationRequiredError
  | PlanPolicyError
  | PaymentDeclinedError
  | AmountNotAllowedError;

/** Every `code` an SDK error may have. */
export type BillPayErrorCode = SdkError['code'];
