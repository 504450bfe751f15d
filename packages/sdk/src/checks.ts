/**
 * `@billpay/sdk/checks`: the pure rules a form applies before it talks to the API (money, Bill
 * IDs, dates of birth) and the guards for the errors a call can raise, with neither ky nor zod
 * behind them, so a form can be drawn and checked while the transport is still on its way. The
 * same functions are exported from `@billpay/sdk/core` and the package root.
 * @module
 */
export { centsToDecimalString, formatMoney, parseMoney, sumCents } from './money.js';
export { formatBillId, normalizeBillId } from './bill-id.js';
export { localToday, parseDateOfBirth } from './date-of-birth.js';
export { ApiError, isApiError } from './errors/api-error.js';
export { NetworkError, isNetworkError } from './errors/network-error.js';
export { LookupFailedError, isLookupFailedError } from './errors/lookup-failed-error.js';
export { LockedOutError, isLockedOutError } from './errors/locked-out-error.js';
export { SessionExpiredError, isSessionExpiredError } from './errors/session-expired-error.js';
