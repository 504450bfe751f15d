/**
 * `@billpay/sdk/admin-desk`: the billing office's money and plan desks over the practice API
 * (`/admin/v1/money/...`, `/admin/v1/plans/...`) with the console's connection from
 * `@billpay/sdk/admin`: a day's money, its deposit reconciled against the processor, the aging of
 * balances and their CSV addresses; a plan with its attempts and changes, and the changes staff
 * make. An entry of its own so that the console's first screen (sign-in) never loads it.
 * @module
 */
export { cancelPlanAsStaff, changeInstallmentAmount, getAccountMessagePreferences, getAccountNotices, getAging, getDeposits, getMoneyDay, getPlanDesk, getPracticeSettings, moneyCsvPath, moveInstallment, resendStatement, savePracticeSettings, sendPlanMethodLink, skipInstallment, stopAccountMessages } from './api/desk.js';
export { AccountNoticeSchema, AccountNoticesSchema, NoticeChannelSchema, NoticeKindSchema, NoticeStatusSchema } from './notice-schemas.js';
export type { AccountNotice, AccountNotices, NoticeKind, NoticeStatus } from './notice-schemas.js';
export type { MoneyReport } from './api/desk.js';
export { AccountMessagePreferencesSchema, ConsentSourceSchema, ConsentStateSchema, DeskChannelSchema, StopMessagesRequestSchema } from './message-desk-schemas.js';
export type { AccountMessagePreferences, ConsentSource, ConsentState, DeskChannel, StopMessagesRequest } from './message-desk-schemas.js';
export { staffRevocationText } from './message-consent.js';
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
  PracticeSettingsSchema,
  PracticeSettingsUpdateSchema,
  PracticeSettingsViewSchema,
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
  PracticeSettings,
  PracticeSettingsUpdate,
  PracticeSettingsView,
  ReconciliationLine,
  ReconciliationStatus,
} from './desk-schemas.js';
export { AA_TEXT_CONTRAST, brandColorContrast, contrastRatio, formatContrast } from './contrast.js';
