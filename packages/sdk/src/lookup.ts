/**
 * `@billpay/sdk/lookup`: find a bill (opening a session), read the account and its statements,
 * sign out; the Bill ID and date-of-birth rules a lookup form checks, and the account's rules.
 * @module
 */
export { getAccount, getStatement, lookupBill, signOut } from './api/lookup.js';
export type { LookupInput } from './api/lookup.js';
export { BILL_ID_LENGTH, formatBillId, normalizeBillId } from './bill-id.js';
export type { BillIdIssueCode, CheckDigitScheme, NormalizeBillIdResult } from './bill-id.js';
export { MAX_AGE_YEARS, daysInMonth, localToday, parseDateOfBirth } from './date-of-birth.js';
export type { DateOfBirthIssueCode, DateParts, ParseDateOfBirthResult } from './date-of-birth.js';
export { addDays, agingOf, applyPayment, daysBetween, nextStepOf, openByStatement, planStepOf } from './account-rules.js';
export type { Aging, LedgerLine, NextStep, OpenStatement, PaymentApplication, PlanStanding, StatementApplication, StatementDates } from './account-rules.js';
export { AccountSchema, LookupRequestSchema, LookupResponseSchema, StatementSchema } from './schemas.js';
export type { Account, LookupRequest, LookupResponse, Statement } from './schemas.js';
export { LookupFailedError, isLookupFailedError } from './errors/lookup-failed-error.js';
export { LockedOutError, isLockedOutError } from './errors/locked-out-error.js';
export { SessionExpiredError, isSessionExpiredError } from './errors/session-expired-error.js';
