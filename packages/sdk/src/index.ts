export { createBillPayClient } from './client.js';
export type { BillPayClient, BillPayClientOptions, LookupInput, PayInput } from './client.js';

export {
  MAX_CENTS,
  assertCents,
  centsToDecimalString,
  formatMoney,
  isCents,
  parseMoney,
  sumCents,
} from './money.js';
export type { Cents, MoneyIssueCode, ParseMoneyResult } from './money.js';

export { luhnCheckDigit, luhnValid } from './luhn.js';
export { cardBrand, cardDigits, checkCardCvc, checkCardExpiry, checkCardNumber, cvcLengthFor, formatCardNumber } from './card.js';
export type { CardBrand, CardCvcIssueCode, CardExpiryIssueCode, CardNumberIssueCode } from './card.js';
export { checkBankAccountNumber, checkRoutingNumber, routingNumberValid } from './bank.js';
export type { AccountNumberIssueCode, RoutingIssueCode } from './bank.js';
export { BILL_ID_LENGTH, formatBillId, normalizeBillId } from './bill-id.js';
export { MAX_AGE_YEARS, daysInMonth, localToday, parseDateOfBirth } from './date-of-birth.js';
export type { DateOfBirthIssueCode, DateParts, ParseDateOfBirthResult } from './date-of-birth.js';
export { addDays, agingOf, daysBetween, nextStepOf, openByStatement } from './account-rules.js';
export type { Aging, LedgerLine, NextStep, StatementDates } from './account-rules.js';
export type { BillIdIssueCode, CheckDigitScheme, NormalizeBillIdResult } from './bill-id.js';

export {
  AccountLookupSchema,
  AccountSchema,
  AgingSchema,
  ApiErrorBodySchema,
  BillIdLookupSchema,
  BillIdSchema,
  FeeReasonSchema,
  FeeSchema,
  InsurerNoteKindSchema,
  InsurerNoteSchema,
  LineItemSchema,
  LookupRequestSchema,
  LookupResponseSchema,
  DebitAuthorizationSchema,
  NextStepSchema,
  PaymentDeclineCodeSchema,
  PaymentMethodSchema,
  PaymentRequestSchema,
  PaymentSchema,
  PaymentStatusSchema,
  PaymentMethodKindSchema,
  PaymentSummarySchema,
  StatementSchema,
  StatementSummarySchema,
  ApiIssueSchema,
  CentsSchema,
  CheckDigitSchemeSchema,
  ClockTimeSchema,
  ContactSchema,
  HealthSchema,
  IsoDateSchema,
  NonNegativeCentsSchema,
  OpeningHoursSchema,
  PoliciesSchema,
  PracticeIdSchema,
  PracticeSchema,
  WeekdaySchema,
} from './schemas.js';
export type {
  Account,
  AccountLookup,
  AccountNextStep,
  AgingBuckets,
  DebitAuthorization,
  Payment,
  PaymentDeclineCode,
  PaymentMethod,
  PaymentRequest,
  PaymentStatus,
  BillIdLookup,
  Fee,
  FeeReason,
  InsurerNote,
  InsurerNoteKind,
  LineItem,
  LookupRequest,
  LookupResponse,
  PaymentMethodKind,
  PaymentSummary,
  Statement,
  StatementSummary,
  ApiErrorBody,
  ApiIssue,
  Contact,
  Health,
  OpeningHours,
  Policies,
  Practice,
  Weekday,
} from './schemas.js';

export { BillPayError, isBillPayError } from './errors/billpay-error.js';
export { ApiError, isApiError } from './errors/api-error.js';
export { InvalidResponseError, isInvalidResponseError } from './errors/invalid-response-error.js';
export { NetworkError, isNetworkError } from './errors/network-error.js';
export { LookupFailedError, isLookupFailedError } from './errors/lookup-failed-error.js';
export { LockedOutError, isLockedOutError } from './errors/locked-out-error.js';
export { SessionExpiredError, isSessionExpiredError } from './errors/session-expired-error.js';
export { TokenizationError, isTokenizationError } from './errors/tokenization-error.js';
export {
  AmountNotAllowedError,
  CardExpiredError,
  InsufficientFundsError,
  PaymentDeclinedError,
  isAmountNotAllowedError,
  isPaymentDeclinedError,
} from './errors/payment-errors.js';

export {
  BankAccountTypeSchema,
  BankTokenRequestSchema,
  BankTokenSchema,
  CardBrandSchema,
  CardTokenRequestSchema,
  CardTokenSchema,
  ChargeListSchema,
  ChargeMethodSchema,
  ChargeRequestSchema,
  ChargeSchema,
  ChargeStatusSchema,
  DeclineCodeSchema,
  ProcessorErrorBodySchema,
  ProcessorEventListSchema,
  ProcessorEventSchema,
  ProcessorTokenSchema,
  RefundRequestSchema,
  RefundSchema,
  SandboxClockRequestSchema,
  TokenCardSchema,
  WalletSchema,
  WalletTokenRequestSchema,
} from './processor-schemas.js';
export type {
  BankToken,
  BankTokenRequest,
  CardToken,
  CardTokenRequest,
  Charge,
  ChargeMethod,
  ChargeRequest,
  ChargeStatus,
  DeclineCode,
  ProcessorErrorBody,
  ProcessorEvent,
  ProcessorEventList,
  ProcessorToken,
  RefundRequest,
  Refund,
  WalletTokenRequest,
} from './processor-schemas.js';
