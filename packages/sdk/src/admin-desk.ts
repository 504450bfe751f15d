/**
 * `@billpay/sdk/admin-desk`: the billing office's money and plan desks over the practice API
 * (`/admin/v1/money/...`, `/admin/v1/plans/...`) with the console's connection from
 * `@billpay/sdk/admin`: a day's money, its deposit reconciled against the processor, the aging of
 * balances and their CSV addresses; a plan with its attempts and changes, and the changes staff
 * make. An entry of its own so that the console's first screen (sign-in) never loads it.
 * @module
 */
export { cancelPlanAsStaff, changeInstallmentAmount, getAging, getDeposits, getMoneyDay, getPlanDesk, moneyCsvPath, moveInstallment, skipInstallment } from './api/desk.js';
export type { MoneyReport } from './api/desk.js';
export {
  AgingReportSchema,
  DayTotalsSchema,
  DepositDaySchema,
  MethodTotalsSchema,
  MoneyDaySchema,
  PlanChangeReasonSchema,
  PlanChangeResultSchema,
  PlanChangeSchema,
  PlanDeskSchema,
  ReconciliationLineSchema,
  ReconciliationStatusSchema,
} from './desk-schemas.js';
export type {
  AgingReport,
  DayTotals,
  DepositDay,
  MethodTotals,
  MoneyDay,
  PlanChange,
  PlanChangeReason,
  PlanChangeResult,
  PlanChangeWhy,
  PlanDesk,
  ReconciliationLine,
  ReconciliationStatus,
} from './desk-schemas.js';
