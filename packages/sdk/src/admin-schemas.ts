/**
 * The wire contract of the billing office console (issue 14): the staff routes under
 * `/console/api` (enrolment, sign-in, the session) and the parts of the practice API
 * (`/admin/v1`) the console reads and writes with a staff session: finding and showing an
 * account, its audit trail, refunds and fees, the money of a day, its deposits and the aging of
 * balances. The server's answers are checked against these.
 */
import * as z from 'zod/mini';
import { AccountSchema, FeeReasonSchema, PaymentStatusSchema, StatementSchema } from './account-schemas.js';
import { PlanSchema } from './plan-schemas.js';
import { CentsSchema, IsoDateSchema, NonNegativeCentsSchema } from './schemas.js';

export const StaffRoleSchema = z.enum(['admin', 'billing', 'read-only']);

/** What the console is told at sign-in and by `GET /console/api/session`. */
export const StaffSessionSchema = z.object({
  staff: z.object({ id: z.string(), practiceId: z.string(), email: z.string(), role: StaffRoleSchema, scopes: z.array(z.string()) }),
  /** Sent back in `x-csrf-token` on every change. */
  csrfToken: z.string(),
  /** When the session ends unless it is used before (15 minutes after the last request). */
  idleExpiresAt: z.string(),
  /** When the session ends whatever happens (12 hours after sign-in). */
  expiresAt: z.string(),
});

/** `POST /console/api/enrolment`: who is enrolling, and a new authenticator key, shown this once. */
export const EnrolmentSchema = z.object({
  email: z.string(),
  practiceId: z.string(),
  role: StaffRoleSchema,
  totp: z.object({ secret: z.string(), uri: z.string() }),
});

/**
 * WebAuthn options as `@simplewebauthn/server` writes them, for `@simplewebauthn/browser`; the
 * browser checks their shape, so only the challenge's id is read here.
 */
export const PasskeyChallengeSchema = z.object({
  challengeId: z.string(),
  options: z.looseObject({ challenge: z.string() }),
});

/** The password sign-in's body. */
export interface PasswordSignIn {
  readonly practice: string;
  readonly email: string;
  readonly password: string;
  /** The authenticator app's 6-digit code. */
  readonly code: string;
}

/** An account as a search lists it: enough to tell two patients apart, and no more. */
export const AccountMatchSchema = z.object({
  id: z.string(),
  accountNumber: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  dateOfBirth: IsoDateSchema,
  /** The last four digits only: `***-***-0142`. */
  mobilePhone: z.nullable(z.string()),
  /** The first character and the domain only: `r***@example.com`. */
  email: z.nullable(z.string()),
  balanceCents: CentsSchema,
});

export const AccountSearchSchema = z.object({ data: z.array(AccountMatchSchema), truncated: z.boolean() });

export const RefundReasonSchema = z.enum(['requested_by_patient', 'duplicate', 'billing_error', 'goodwill', 'other']);

export const RefundSchema = z.object({
  id: z.string(),
  paymentId: z.string(),
  amountCents: NonNegativeCentsSchema,
  reason: RefundReasonSchema,
  status: z.string(),
  processorReference: z.nullable(z.string()),
  createdAt: z.string(),
});

/** A payment as the practice sees it: its processor reference, state and refunds. */
export const PracticePaymentSchema = z.object({
  id: z.string(),
  confirmationNumber: z.string(),
  status: PaymentStatusSchema,
  amountCents: NonNegativeCentsSchema,
  refundedCents: NonNegativeCentsSchema,
  refundableCents: NonNegativeCentsSchema,
  method: z.object({ kind: z.string(), brand: z.nullable(z.string()), last4: z.nullable(z.string()), wallet: z.nullable(z.string()) }),
  processorReference: z.nullable(z.string()),
  statementId: z.nullable(z.string()),
  declineCode: z.nullable(z.string()),
  returnCode: z.nullable(z.string()),
  createdAt: z.string(),
  refunds: z.array(RefundSchema),
});

export const LedgerKindSchema = z.enum(['charge', 'fee', 'payment', 'reversal', 'adjustment']);

export const LedgerLineSchema = z.object({
  id: z.string(),
  kind: LedgerKindSchema,
  reason: z.string(),
  amountCents: CentsSchema,
  postedOn: IsoDateSchema,
  statementId: z.nullable(z.string()),
  paymentId: z.nullable(z.string()),
  refundId: z.nullable(z.string()),
  waivesEntryId: z.nullable(z.string()),
  createdAt: z.string(),
});

export const FeeWaiverReasonSchema = z.enum(['requested_by_patient', 'billing_error', 'goodwill', 'hardship', 'other']);

export const FeeViewSchema = z.object({
  id: z.string(),
  reason: z.string(),
  amountCents: NonNegativeCentsSchema,
  postedOn: IsoDateSchema,
  statementId: z.nullable(z.string()),
  paymentId: z.nullable(z.string()),
  note: z.nullable(z.string()),
  waiver: z.nullable(z.object({ entryId: z.string(), reason: z.string(), postedOn: IsoDateSchema, note: z.nullable(z.string()) })),
});

export const PlanDetailSchema = z.object({
  ...PlanSchema.shape,
  attempts: z.array(
    z.object({
      installmentNumber: z.int(),
      attempt: z.int(),
      amountCents: NonNegativeCentsSchema,
      outcome: z.nullable(z.string()),
      paymentId: z.nullable(z.string()),
      createdAt: z.string(),
      finishedAt: z.nullable(z.string()),
    }),
  ),
});

/** `GET /admin/v1/accounts/{id}`: the account as the patient sees it, and what staff see besides. */
export const AccountDetailSchema = z.object({
  id: z.string(),
  profile: z.object({
    firstName: z.string(),
    lastName: z.string(),
    dateOfBirth: IsoDateSchema,
    accountNumber: z.string(),
    externalId: z.nullable(z.string()),
    email: z.nullable(z.string()),
    mobilePhone: z.nullable(z.string()),
    preferredLanguage: z.nullable(z.string()),
    address: z.object({ line1: z.nullable(z.string()), line2: z.nullable(z.string()), city: z.nullable(z.string()), state: z.nullable(z.string()), postalCode: z.nullable(z.string()) }),
    billIds: z.array(z.string()),
  }),
  patientView: AccountSchema,
  statements: z.array(StatementSchema),
  ledger: z.array(LedgerLineSchema),
  payments: z.array(PracticePaymentSchema),
  plans: z.array(PlanDetailSchema),
  estimates: z.array(z.object({ id: z.string(), issuedOn: IsoDateSchema, scheduledDate: z.nullable(IsoDateSchema), totalCents: NonNegativeCentsSchema })),
  fees: z.array(FeeViewSchema),
});

export const AuditActorSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('api_key'), id: z.string() }),
  z.object({ type: z.literal('staff'), id: z.string() }),
  z.object({ type: z.literal('patient') }),
  z.object({ type: z.literal('system') }),
]);

export const AuditTrailSchema = z.object({
  data: z.array(z.object({ at: z.string(), action: z.string(), actor: AuditActorSchema, detail: z.nullable(z.string()), clientHash: z.nullable(z.string()), requestId: z.string() })),
  hasMore: z.boolean(),
});

/** `POST /admin/v1/payments/{id}/refunds`: all that is left without `amountCents`. */
/** How money moved: the method's kind, null when the payment never got one (declined before). */
export const MoneyMethodSchema = z.nullable(z.enum(['card', 'bank', 'wallet']));

/** What a day's money adds up to (money moved only: declined and pending payments are listed, not counted). */
export const DayTotalsSchema = z.object({
  takenCents: CentsSchema,
  payments: z.int(),
  declined: z.int(),
  /** Negative: succeeded refunds. */
  refundsCents: CentsSchema,
  /** Negative: bank debits that came back. */
  returnsCents: CentsSchema,
  netCents: CentsSchema,
});

/** `GET /admin/v1/money/day?date=`: the practice's day (its time zone): payments, refunds and returns, with totals by method. */
export const MoneyDaySchema = z.object({
  date: IsoDateSchema,
  timeZone: z.string(),
  payments: z.array(
    z.object({
      paymentId: z.string(),
      confirmationNumber: z.string(),
      at: z.string(),
      /** The practice's clock time, HH:MM. */
      localTime: z.string(),
      accountNumber: z.string(),
      method: MoneyMethodSchema,
      brand: z.nullable(z.string()),
      last4: z.nullable(z.string()),
      wallet: z.nullable(z.string()),
      state: PaymentStatusSchema,
      amountCents: CentsSchema,
      processorReference: z.nullable(z.string()),
      takenBy: z.enum(['patient', 'practice']),
    }),
  ),
  refunds: z.array(
    z.object({
      refundId: z.string(),
      paymentId: z.string(),
      at: z.string(),
      localTime: z.string(),
      accountNumber: z.string(),
      method: MoneyMethodSchema,
      state: z.enum(['pending', 'succeeded', 'failed']),
      reason: z.string(),
      amountCents: CentsSchema,
      processorReference: z.nullable(z.string()),
      requestedBy: z.enum(['api_key', 'staff']),
    }),
  ),
  returns: z.array(
    z.object({
      paymentId: z.string(),
      at: z.string(),
      localTime: z.string(),
      accountNumber: z.string(),
      method: MoneyMethodSchema,
      returnCode: z.nullable(z.string()),
      amountCents: CentsSchema,
      processorReference: z.nullable(z.string()),
    }),
  ),
  totals: DayTotalsSchema,
  byMethod: z.object({ card: DayTotalsSchema, bank: DayTotalsSchema, wallet: DayTotalsSchema }),
});

export const MethodTotalsSchema = z.object({ movements: z.int(), paymentsCents: CentsSchema, refundsCents: CentsSchema, returnsCents: CentsSchema, netCents: CentsSchema });

/** How a movement billpay expects and the processor's line of it compare. */
export const ReconciliationStatusSchema = z.enum(['matched', 'amount_differs', 'not_in_payout', 'not_in_billpay']);

export const ReconciliationLineSchema = z.object({
  status: ReconciliationStatusSchema,
  type: z.enum(['payment', 'refund', 'return']),
  processorReference: z.string(),
  method: MoneyMethodSchema,
  paymentId: z.nullable(z.string()),
  expectedCents: z.nullable(CentsSchema),
  processorCents: z.nullable(CentsSchema),
  /** The processor's less the expected (0 when matched). */
  differenceCents: CentsSchema,
});

/** `GET /admin/v1/money/deposits?date=`: what the processor should pay out that day, reconciled line by line against its report. */
export const DepositDaySchema = z.object({
  date: IsoDateSchema,
  movements: z.array(
    z.object({
      movementId: z.string(),
      type: z.enum(['payment', 'refund', 'return']),
      postedOn: IsoDateSchema,
      accountId: z.string(),
      amountCents: CentsSchema,
      method: MoneyMethodSchema,
      processorReference: z.nullable(z.string()),
      paymentId: z.string(),
      depositOn: IsoDateSchema,
    }),
  ),
  byMethod: z.object({ card: MethodTotalsSchema, bank: MethodTotalsSchema, wallet: MethodTotalsSchema }),
  totals: MethodTotalsSchema,
  reconciliation: z.discriminatedUnion('status', [
    z.object({
      status: z.enum(['reconciled', 'mismatched']),
      processorCents: CentsSchema,
      expectedCents: CentsSchema,
      differenceCents: CentsSchema,
      lines: z.array(ReconciliationLineSchema),
    }),
    /** The processor could not be asked: nothing is claimed. */
    z.object({ status: z.literal('unavailable'), reason: z.string() }),
  ]),
});

const AgingBucketsShape = { currentCents: CentsSchema, days30Cents: CentsSchema, days60Cents: CentsSchema, days90PlusCents: CentsSchema, totalCents: CentsSchema };

/** `GET /admin/v1/money/aging`: what each account owes by the age of its statements, on the practice's today (`asOf`). */
export const AgingReportSchema = z.object({
  asOf: IsoDateSchema,
  rows: z.array(z.object({ accountId: z.string(), accountNumber: z.string(), name: z.string(), ...AgingBucketsShape })),
  /** Over every account that owes, not only this page's. */
  totals: z.object({ ...AgingBucketsShape, accounts: z.int() }),
  nextAfter: z.optional(z.string()),
});

/** Why the billing office changes a plan. */
export const PlanChangeReasonSchema = z.enum(['requested_by_patient', 'hardship', 'billing_error', 'other']);

/** One change the billing office made to a plan. */
export const PlanChangeSchema = z.object({
  id: z.string(),
  kind: z.enum(['cancel', 'skip', 'move', 'amount']),
  installmentNumber: z.nullable(z.int()),
  detail: z.record(z.string(), z.unknown()),
  reason: PlanChangeReasonSchema,
  note: z.nullable(z.string()),
  /** An automatic payment's amount changed: the patient must be told (Regulation E) before `effectiveFrom`. */
  noticeRequired: z.boolean(),
  effectiveFrom: z.nullable(IsoDateSchema),
  requestedBy: z.object({ apiKeyId: z.nullable(z.string()), staffId: z.nullable(z.string()) }),
  createdAt: z.string(),
});

/** `GET /admin/v1/plans/{id}`: the plan as the patient sees it, its charge attempts and the changes made to it. */
export const PlanDeskSchema = z.object({
  plan: PlanSchema,
  accountId: z.string(),
  accountNumber: z.string(),
  attempts: PlanDetailSchema.shape.attempts,
  changes: z.array(PlanChangeSchema),
});

/** What a change of a plan answers: the plan as it now stands, and the change made. */
export const PlanChangeResultSchema = z.object({ ...PlanDeskSchema.shape, change: PlanChangeSchema });

/** A plan change's why: a reason and, if staff want, a note kept with it. */
export interface PlanChangeWhy {
  readonly reason: z.infer<typeof PlanChangeReasonSchema>;
  readonly note?: string | undefined;
}

export interface RefundRequest {
  readonly amountCents?: number | undefined;
  readonly reason: z.infer<typeof RefundReasonSchema>;
}

export interface AddFeeRequest {
  readonly amountCents: number;
  readonly reason: z.infer<typeof FeeReasonSchema>;
  readonly statementId?: string | undefined;
  readonly note?: string | undefined;
}

export interface WaiveFeeRequest {
  readonly reason: z.infer<typeof FeeWaiverReasonSchema>;
  readonly note?: string | undefined;
}

export type StaffRole = z.infer<typeof StaffRoleSchema>;
export type StaffSession = z.infer<typeof StaffSessionSchema>;
export type Enrolment = z.infer<typeof EnrolmentSchema>;
export type PasskeyChallenge = z.infer<typeof PasskeyChallengeSchema>;
export type AccountMatch = z.infer<typeof AccountMatchSchema>;
export type AccountSearch = z.infer<typeof AccountSearchSchema>;
export type RefundReason = z.infer<typeof RefundReasonSchema>;
export type Refund = z.infer<typeof RefundSchema>;
export type PracticePayment = z.infer<typeof PracticePaymentSchema>;
export type LedgerLine = z.infer<typeof LedgerLineSchema>;
export type FeeWaiverReason = z.infer<typeof FeeWaiverReasonSchema>;
export type FeeView = z.infer<typeof FeeViewSchema>;
export type PlanDetail = z.infer<typeof PlanDetailSchema>;
export type AccountDetail = z.infer<typeof AccountDetailSchema>;
export type AuditActor = z.infer<typeof AuditActorSchema>;
export type AuditTrail = z.infer<typeof AuditTrailSchema>;
export type DayTotals = z.infer<typeof DayTotalsSchema>;
export type MoneyDay = z.infer<typeof MoneyDaySchema>;
export type MethodTotals = z.infer<typeof MethodTotalsSchema>;
export type ReconciliationStatus = z.infer<typeof ReconciliationStatusSchema>;
export type ReconciliationLine = z.infer<typeof ReconciliationLineSchema>;
export type DepositDay = z.infer<typeof DepositDaySchema>;
export type AgingReport = z.infer<typeof AgingReportSchema>;
export type PlanChangeReason = z.infer<typeof PlanChangeReasonSchema>;
export type PlanChange = z.infer<typeof PlanChangeSchema>;
export type PlanDesk = z.infer<typeof PlanDeskSchema>;
export type PlanChangeResult = z.infer<typeof PlanChangeResultSchema>;
