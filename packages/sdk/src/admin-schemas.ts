/**
 * The wire contract of the billing office console (issue 14): the staff routes under
 * `/console/api` (enrolment, sign-in, the session) and the parts of the practice API
 * (`/admin/v1`) the console reads and writes with a staff session: finding and showing an
 * account, its audit trail, refunds and fees. The server's answers are checked against these.
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
  // `label`: the key's name (or its prefix), the staff member's email; null once they are gone.
  z.object({ type: z.literal('api_key'), id: z.string(), label: z.nullable(z.string()) }),
  z.object({ type: z.literal('staff'), id: z.string(), label: z.nullable(z.string()) }),
  z.object({ type: z.literal('patient') }),
  z.object({ type: z.literal('system') }),
]);

export const AuditTrailSchema = z.object({
  data: z.array(z.object({ at: z.string(), action: z.string(), actor: AuditActorSchema, detail: z.nullable(z.string()), clientHash: z.nullable(z.string()), requestId: z.string() })),
  hasMore: z.boolean(),
});

/** `POST /admin/v1/payments/{id}/refunds`: all that is left without `amountCents`. */
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
