/**
 * `@billpay/sdk/estimates`: good-faith estimates through the API (price list, request, find), and
 * the estimate rules as pure functions: building an estimate and its totals, completeness, the
 * deadline, and whether a bill may be disputed against it.
 * @module
 */
export { findEstimate, getEstimate, getPriceList, requestEstimate } from './api/estimates.js';
export type { EstimateRequestInput, FindEstimateInput } from './api/estimates.js';
export {
  ESTIMATE_DISCLAIMERS,
  MAX_SCHEDULE_DAYS_AHEAD,
  SCHEDULED_FAR_BUSINESS_DAYS,
  SCHEDULED_NEAR_BUSINESS_DAYS,
  buildEstimate,
  deadlineMet,
  estimateDeadline,
} from './estimate.js';
export type {
  BuildEstimateInput,
  BuildEstimateResult,
  EstimateDeadlineAnswer,
  EstimateDeadlineInput,
  EstimateIssue,
  EstimateIssueCode,
  IssueOptions,
} from './estimate.js';
export { REQUIRED_ELEMENTS, checkEstimateCompleteness } from './estimate-completeness.js';
export type { CompletenessResult, EstimateDraft, MissingElement, RequiredElement } from './estimate-completeness.js';
export { DISPUTE_HELP, DISPUTE_THRESHOLD_CENTS, DISPUTE_WINDOW_DAYS, disputeEligibility, disputeNoticeFor } from './dispute.js';
export type { BillForDispute, BilledCharge, BilledStatement, DisputeEligibility, ProviderComparison } from './dispute.js';
export { ESTIMATE_DISCLAIMER_WORDS } from './estimate-disclaimer-words.js';
export { checkEstimateContact, checkEstimateCopyAddress, parseDiagnosisCodes, parseScheduledDate, searchServices, serviceCategories } from './estimate-form.js';
export type { DiagnosisIssueCode, EstimateContactIssueCode, EstimateCopyIssueCode, ScheduledDateIssueCode } from './estimate-form.js';
export { addBusinessDays, businessDaysBetween, isBusinessDay, isWeekend } from './business-days.js';
export { npiValid } from './npi.js';
export * from './estimate-schemas.js';
export { DisputeNoticeSchema } from './account-schemas.js';
export type { DisputeNotice } from './account-schemas.js';
