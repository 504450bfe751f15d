/**
 * `@billpay/sdk/core`: what a page that finds and shows a bill needs — the client, the operations
 * that find, show and print a bill and offer or cancel a plan (as functions over a connection),
 * money, Bill IDs, dates of birth and the errors a lookup can raise. All of it is also exported
 * from the package root. This entry exists for bundlers that split code by use (esbuild assigns
 * whole files to chunks): importing the root, or a capability entry such as `/plans`, reaches
 * (through its re-exports) the schedule, estimate, card and bank helpers too, which then land in a
 * page's first download although only the payment or plan form uses them. So the operations here
 * come straight from their modules, not from the capability entries.
 */
export { createBillPayClient } from './client.js';
export { createBillPayConnection, getPractice } from './api/connection.js';
export type { BillPayConnection, CallOptions } from './api/connection.js';
export { findBill, getAccount, getStatement, lookupBill, signOut } from './api/lookup.js';
export { cancelPlan, getPlanOptions } from './api/plans.js';
export { MIN_PAYMENT_CENTS } from './payment-schemas.js';
export { centsToDecimalString, formatMoney, parseMoney, sumCents } from './money.js';
export { formatBillId, normalizeBillId } from './bill-id.js';
export { localToday, parseDateOfBirth } from './date-of-birth.js';
export { addDays, daysBetween } from './account-rules.js';
export { ApiError, isApiError } from './errors/api-error.js';
export { NetworkError, isNetworkError } from './errors/network-error.js';
export { LookupFailedError, isLookupFailedError } from './errors/lookup-failed-error.js';
export { LockedOutError, isLockedOutError } from './errors/locked-out-error.js';
export { SessionExpiredError, isSessionExpiredError } from './errors/session-expired-error.js';
