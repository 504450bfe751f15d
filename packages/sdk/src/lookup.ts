/**
 * `@billpay/sdk/lookup`: find a bill (opening a session), read the account and its statements,
 * sign out; the Bill ID and date-of-birth rules a lookup form checks, and the account's rules.
 * @module
 */
export { findBill, getAccount, getStatement, lookupBill, signOut } from './api/lookup.js';
export type { FoundBill, LookupInput } from './api/lookup.js';
export { BILL_ID_LENGTH, billIdFrom, formatBillId, normalizeBillId } from './bill-id.js';
export type { BillIdIssueCode, CheckDigitScheme, NormalizeBillIdResult } from './bill-id.js';
export { MAX_AGE_YEARS, daysInMonth, localToday, parseDateOfBirth } from './date-of-birth.js';
export type { DateOfBirthIssueCode, DateParts, ParseDateOfBirthResult } from './date-of-birth.js';
export { addDays, agingOf, applyPayment, daysBetween, nextStepOf, openByStatement, planStepOf } from './account-rules.js';
export type { Aging, LedgerLine, NextStep, OpenStatement, PaymentApplication, PlanStanding, StatementApplication, StatementDates } from './account-rules.js';
export {
  AccountLookupSchema,
  AccountSchema,
  AgingSchema,
  BillIdLookupSchema,
  PayLinkLookupSchema,
  BillIdSchema,
  FeeReasonSchema,
  FeeSchema,
  InsurerNoteKindSchema,
  InsurerNoteSchema,
  LineItemSchema,
  LookupRequestSchema,
  LookupResponseSchema,
  NextStepSchema,
  StatementSchema,
  StatementSummarySchema,
} from './account-schemas.js';
export type {
  Account,
  AccountLookup,
  AccountNextStep,
  AgingBuckets,
  BillIdLookup,
  Fee,
  FeeReason,
  InsurerNote,
  InsurerNoteKind,
  LineItem,
  LookupIntent,
  LookupRequest,
  LookupResponse,
  Statement,
  StatementSummary,
} from './account-schemas.js';
export * from './errors/lookup-failed-error.js';
export * from './errors/locked-out-error.js';
export * from './errors/session-expired-error.js';
