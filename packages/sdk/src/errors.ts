/**
 * `@billpay/sdk/errors`: every error the SDK throws, each with a literal `name` and a guard that
 * also compares it (an error may come from another realm, e.g. an iframe).
 * @module
 */
export { BillPayError, isBillPayError } from './errors/billpay-error.js';
export { ApiError, isApiError } from './errors/api-error.js';
export { InvalidResponseError, isInvalidResponseError } from './errors/invalid-response-error.js';
export { NetworkError, isNetworkError } from './errors/network-error.js';
export { LookupFailedError, isLookupFailedError } from './errors/lookup-failed-error.js';
export { LockedOutError, isLockedOutError } from './errors/locked-out-error.js';
export { SessionExpiredError, isSessionExpiredError } from './errors/session-expired-error.js';
export { TokenizationError, isTokenizationError } from './errors/tokenization-error.js';
export { AuthorizationRequiredError, isAuthorizationRequiredError } from './errors/authorization-error.js';
export { PlanPolicyError, isPlanPolicyError } from './errors/plan-errors.js';
export {
  AmountNotAllowedError,
  CardExpiredError,
  InsufficientFundsError,
  PaymentDeclinedError,
  isAmountNotAllowedError,
  isPaymentDeclinedError,
} from './errors/payment-errors.js';
