/**
 * `@billpay/sdk/admin`: the billing office console's client and wire contract: staff enrolment,
 * sign-in and session (`/console/api`), and the account desk, refunds and fees of the practice
 * API (`/admin/v1`) called with a staff session. Not re-exported by the root entry: the patient
 * widget never loads it.
 * @module
 */
export {
  addFee,
  createConsoleConnection,
  enrolmentPasskeyOptions,
  enrolWithPasskey,
  enrolWithPassword,
  forgetStaffSession,
  getAccountAudit,
  getAccountDetail,
  getStaffSession,
  passkeySignInOptions,
  refundPayment,
  searchAccounts,
  signInWithPasskey,
  signInWithPassword,
  signOut,
  signOutEverywhere,
  startEnrolment,
  waiveFee,
} from './api/admin.js';
export type { ChangeOptions, ConsoleConnection, ConsoleConnectionOptions } from './api/admin.js';
export {
  AccountDetailSchema,
  AccountMatchSchema,
  AccountSearchSchema,
  AuditActorSchema,
  AuditTrailSchema,
  EnrolmentSchema,
  FeeViewSchema,
  FeeWaiverReasonSchema,
  LedgerKindSchema,
  LedgerLineSchema,
  PasskeyChallengeSchema,
  PlanDetailSchema,
  PracticePaymentSchema,
  RefundReasonSchema,
  RefundSchema,
  StaffRoleSchema,
  StaffSessionSchema,
} from './admin-schemas.js';
export type {
  AccountDetail,
  AccountMatch,
  AccountSearch,
  AddFeeRequest,
  AuditActor,
  AuditTrail,
  Enrolment,
  FeeView,
  FeeWaiverReason,
  LedgerLine,
  PasskeyChallenge,
  PasswordSignIn,
  PlanDetail,
  PracticePayment,
  Refund,
  RefundReason,
  RefundRequest,
  StaffRole,
  StaffSession,
  WaiveFeeRequest,
} from './admin-schemas.js';
