/**
 * `@billpay/sdk/plans`: payment plans through the API, and the plan rules as pure functions (who
 * may have a plan, its schedule, the policy's limits, which installments are behind and what the
 * patient's payments cover) that the widget, the server and the stories' in-memory API share.
 * @module
 */
export { cancelPlan, changePlanMethod, createPlan, getPlan, getPlanOptions, payOffPlan } from './api/plans.js';
export type { ChangePlanMethodInput, CreatePlanInput, PayOffPlanInput } from './api/plans.js';
export { changeInstallmentAmount, MAX_MOVE_DAYS, moveInstallment, nextScheduleDate, REG_E_NOTICE_DAYS, skipInstallment } from './plan-changes.js';
export type { AmountChange, AmountChangeResult, ChangeableInstallment, ChangeablePlan, MoveResult, PlanChangeRefusal, PlanChangeRefusalCode, SkipResult } from './plan-changes.js';
export { planOptionsFor } from './plan-eligibility.js';
export type { PlanEligibilityInput } from './plan-eligibility.js';
export {
  behindCents,
  coverOldestFirst,
  installmentsBehind,
  isInstallmentBehind,
  isPlanRunning,
  OPEN_INSTALLMENT_STATUSES,
  planSummary,
} from './plan-status.js';
export type { CoveringPayment, InstallmentState, PlanState, PlanSummaryInput, SummaryInstallment } from './plan-status.js';
export {
  addMonths,
  firstDateWindow,
  installmentDate,
  installmentDates,
  paymentsForAmount,
  paymentsWithinMonths,
  planBalanceViolation,
  planLimits,
  planSchedule,
} from './schedule.js';
export type { PlanChoice, PlanLimits, PlanSchedule, PlanScheduleResult } from './schedule.js';
export { planRuleMessage } from './plan-messages.js';
export {
  AutomaticPlanPaymentSchema,
  AutopayPolicySchema,
  InstallmentStatusSchema,
  PlanInstallmentSchema,
  PlanMethodRequestSchema,
  PlanOptionsSchema,
  PlanPaymentRequestSchema,
  PlanPayoffRequestSchema,
  PlanPayoffSchema,
  PlanPolicySchema,
  PlanRequestSchema,
  PlanSchema,
} from './plan-schemas.js';
export type {
  AutomaticPlanPayment,
  AutopayPolicy,
  InstallmentStatus,
  Plan,
  PlanInstallment,
  PlanMethodRequest,
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
export * from './errors/plan-errors.js';
