/**
 * `@billpay/sdk`: everything a browser or a server of the billing API uses, in one entry. Pages that
 * care about size import by capability instead (`@billpay/sdk/lookup`, `/payments`, `/plans`,
 * `/estimates`, `/money`, `/errors`, `/client`); the processor's server-to-server contract is in
 * `@billpay/sdk/processor` only.
 * @module
 */
export { createBillPayClient } from './client.js';
export type { BillPayClient } from './client.js';
export { createBillPayConnection, getPractice } from './api/connection.js';
export type { BillPayClientOptions, BillPayConnection, CallOptions } from './api/connection.js';
export { getHealth } from './api/practice.js';
export { getAccount, getStatement, lookupBill, signOut } from './api/lookup.js';
export type { LookupInput } from './api/lookup.js';
export { createPayment, getPayment } from './api/payments.js';
export type { PayInput } from './api/payments.js';
export { tokenizeBank, tokenizeCard, tokenizeWallet } from './api/tokens.js';
export { cancelPlan, createPlan, getPlan, getPlanOptions, payOffPlan } from './api/plans.js';
export type { CreatePlanInput, PayOffPlanInput } from './api/plans.js';
export { findEstimate, getEstimate, getPriceList, requestEstimate } from './api/estimates.js';
export type { EstimateRequestInput, FindEstimateInput } from './api/estimates.js';

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
export { addDays, agingOf, applyPayment, daysBetween, nextStepOf, openByStatement, planStepOf } from './account-rules.js';
export type { Aging, LedgerLine, NextStep, OpenStatement, PaymentApplication, StatementApplication, StatementDates } from './account-rules.js';
export type { PlanStanding } from './account-rules.js';
export {
  addMonths,
  firstDateWindow,
  installmentDate,
  installmentDates,
  paymentsForAmount,
  paymentsWithinMonths,
  planBalanceViolation,
  planLimits,
  planRuleMessage,
  planSchedule,
} from './schedule.js';
export type { PlanChoice, PlanLimits, PlanSchedule, PlanScheduleResult } from './schedule.js';
export { planOptionsFor } from './plan-eligibility.js';
export type { PlanEligibilityInput } from './plan-eligibility.js';
export {
  AutopayPolicySchema,
  InstallmentStatusSchema,
  PlanInstallmentSchema,
  PlanOptionsSchema,
  PlanPaymentRequestSchema,
  PlanPayoffRequestSchema,
  PlanPayoffSchema,
  PlanPolicySchema,
  PlanRequestSchema,
  PlanSchema,
} from './plan-schemas.js';
export type {
  AutopayPolicy,
  InstallmentStatus,
  Plan,
  PlanInstallment,
  PlanOptions,
  PlanPaymentRequest,
  PlanPayoff,
  PlanPayoffRequest,
  PlanPolicy,
  PlanRequest,
} from './plan-schemas.js';
export {
  AccountPlanSchema,
  PlanFieldSchema,
  PlanFrequencySchema,
  PlanModeSchema,
  PlanNearestSchema,
  PlanRuleCodeSchema,
  PlanRuleViolationSchema,
  PlanStatusSchema,
  ScheduledPaymentSchema,
} from './schemas.js';
export type {
  AccountPlan,
  PlanField,
  PlanFrequency,
  PlanMode,
  PlanNearest,
  PlanRuleCode,
  PlanRuleViolation,
  PlanStatus,
  ScheduledPayment,
} from './schemas.js';
export { PlanPolicyError, isPlanPolicyError } from './errors/plan-errors.js';
export type { BillIdIssueCode, CheckDigitScheme, NormalizeBillIdResult } from './bill-id.js';

export { addBusinessDays, businessDaysBetween, isBusinessDay, isWeekend } from './business-days.js';
export { npiValid } from './npi.js';
export {
  DISPUTE_HELP,
  DISPUTE_THRESHOLD_CENTS,
  DISPUTE_WINDOW_DAYS,
  ESTIMATE_DISCLAIMERS,
  MAX_SCHEDULE_DAYS_AHEAD,
  REQUIRED_ELEMENTS,
  SCHEDULED_FAR_BUSINESS_DAYS,
  SCHEDULED_NEAR_BUSINESS_DAYS,
  buildEstimate,
  checkEstimateCompleteness,
  deadlineMet,
  disputeEligibility,
  estimateDeadline,
} from './estimate.js';
export type {
  BillForDispute,
  BilledCharge,
  BuildEstimateInput,
  BuildEstimateResult,
  CompletenessResult,
  DisputeEligibility,
  EstimateDeadlineAnswer,
  EstimateDeadlineInput,
  EstimateDraft,
  EstimateIssue,
  EstimateIssueCode,
  IssueOptions,
  MissingElement,
  ProviderComparison,
  RequiredElement,
} from './estimate.js';
export {
  ChosenServiceSchema,
  CodeSystemSchema,
  DiagnosisCodeSchema,
  EstimateContactSchema,
  EstimateDeadlineSchema,
  EstimateDisclaimerSchema,
  EstimateIdSchema,
  EstimateItemSchema,
  EstimateLookupRequestSchema,
  EstimatePatientSchema,
  EstimateProviderGroupSchema,
  EstimateRequestSchema,
  EstimateSchema,
  IncludedItemSchema,
  ModifierSchema,
  NpiSchema,
  PriceListSchema,
  PriceListServiceSchema,
  ProviderIdSchema,
  ProviderLocationSchema,
  ProviderSchema,
  SelfPayStatementSchema,
  ServiceCategorySchema,
  ServiceIdSchema,
  TinSchema,
  serviceCodeValid,
} from './estimate-schemas.js';
export type {
  ChosenService,
  CodeSystem,
  Estimate,
  EstimateContact,
  EstimateDeadline,
  EstimateDisclaimer,
  EstimateItem,
  EstimateLookupRequest,
  EstimatePatient,
  EstimateProviderGroup,
  EstimateRequest,
  IncludedItem,
  PriceList,
  PriceListService,
  Provider,
  ProviderLocation,
  SelfPayStatement,
  ServiceCategory,
} from './estimate-schemas.js';
export { disputeNoticeFor } from './dispute-notice.js';
export type { BilledStatement } from './dispute-notice.js';
export { checkEstimateContact, parseDiagnosisCodes, parseScheduledDate, searchServices, serviceCategories } from './estimate-form.js';
export type { DiagnosisIssueCode, EstimateContactIssueCode, ScheduledDateIssueCode } from './estimate-form.js';

export {
  AccountLookupSchema,
  AccountSchema,
  AgingSchema,
  DisputeNoticeSchema,
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
  MIN_PAYMENT_CENTS,
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
  DisputeNotice,
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
export { AuthorizationRequiredError, isAuthorizationRequiredError } from './errors/authorization-error.js';
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
  TokenCardSchema,
  WalletSchema,
  WalletTokenRequestSchema,
} from './token-schemas.js';
export type { BankAccountType, BankToken, BankTokenRequest, CardToken, CardTokenRequest, Wallet, WalletTokenRequest } from './token-schemas.js';
