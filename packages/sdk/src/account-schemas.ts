/**
 * The billing API's wire contract for finding a bill and reading the account: lookups, sessions,
 * accounts and statements.
 */
import * as z from 'zod/mini';
import { AccountPlanSchema, CentsSchema, IsoDateSchema, NonNegativeCentsSchema, PracticeIdSchema } from './schemas.js';

export const BillIdSchema = z.string().check(z.regex(/^\d{12}$/, 'expected the 12 digits of a Bill ID'));

/**
 * The amount due printed on one of the account's statements (or its balance now): what a patient
 * holding the statement adds to get through a lockout someone else caused (`stepUp` in the 429 `locked_out`).
 */
export const AmountDueProofSchema = z.optional(z.int().check(z.minimum(0), z.maximum(100_000_000)));

/** `POST /v1/lookups`, by Bill ID and date of birth (what a paper statement gives). */
export const BillIdLookupSchema = z.object({
  practice: PracticeIdSchema,
  billId: BillIdSchema,
  dateOfBirth: IsoDateSchema,
  amountDueCents: AmountDueProofSchema,
});

/** `POST /v1/lookups`, by account number and last name (guest pay). */
export const AccountLookupSchema = z.object({
  practice: PracticeIdSchema,
  accountNumber: z.string().check(z.minLength(1), z.maxLength(40)),
  lastName: z.string().check(z.minLength(1), z.maxLength(80)),
  amountDueCents: AmountDueProofSchema,
});

/**
 * `POST /v1/lookups`, by the token of a text-to-pay link (from the link's `#link=` fragment) and
 * date of birth: the token stands for the Bill ID, and the date of birth is still asked for.
 */
export const PayLinkLookupSchema = z.object({
  practice: PracticeIdSchema,
  payLink: z.string().check(z.regex(/^[A-Za-z0-9_-]{22}$/, 'expected the 22 characters of a link\'s token')),
  dateOfBirth: IsoDateSchema,
  amountDueCents: AmountDueProofSchema,
});

export const LookupRequestSchema = z.union([BillIdLookupSchema, AccountLookupSchema, PayLinkLookupSchema]);

export const InsurerNoteKindSchema = z.enum(['deductible', 'coinsurance', 'copay', 'not_covered', 'copay_not_paid_at_visit']);

export const InsurerNoteSchema = z.object({
  kind: InsurerNoteKindSchema,
  amountCents: NonNegativeCentsSchema,
});

/** Why a fee was added, as a code the widget explains in the reader's language. */
export const FeeReasonSchema = z.enum(['invoicing_fee', 'returned_payment']);

export const FeeSchema = z.object({
  id: z.string(),
  statementId: z.nullable(z.string()),
  postedOn: IsoDateSchema,
  amountCents: NonNegativeCentsSchema,
  reason: FeeReasonSchema,
});

export const PaymentMethodKindSchema = z.enum(['card', 'bank', 'wallet', 'other']);

/**
 * Where a payment stands. `processing`: a bank debit sent, not settled yet (days); `returned`: the
 * bank sent it back; `refunded`: charged after it had been closed as not charged, and so refunded
 * in full.
 */
export const PaymentStatusSchema = z.enum(['pending', 'succeeded', 'declined', 'processing', 'settled', 'returned', 'refunded']);

/** A payment as the account lists it (positive cents: what the patient paid). */
export const PaymentSummarySchema = z.object({
  id: z.string(),
  statementId: z.nullable(z.string()),
  postedOn: IsoDateSchema,
  amountCents: NonNegativeCentsSchema,
  method: PaymentMethodKindSchema,
  /** A bank payment is listed from the day it is made, while it is still `processing`. */
  status: PaymentStatusSchema,
  /** What the practice refunded of it, when it refunded some (the balance owed went back up by as much). */
  refundedCents: z.optional(NonNegativeCentsSchema),
});

export const StatementSummarySchema = z.object({
  id: z.string(),
  statementDate: IsoDateSchema,
  periodStart: IsoDateSchema,
  periodEnd: IsoDateSchema,
  dueDate: IsoDateSchema,
  /** Patient responsibility on the statement plus its fees. */
  amountCents: NonNegativeCentsSchema,
  /** What is still open on it after payments. */
  openCents: NonNegativeCentsSchema,
});

export const AgingSchema = z.object({
  currentCents: NonNegativeCentsSchema,
  days30Cents: NonNegativeCentsSchema,
  days60Cents: NonNegativeCentsSchema,
  days90PlusCents: NonNegativeCentsSchema,
});

export const NextStepSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('paid_in_full') }),
  z.object({ kind: z.literal('credit'), creditCents: NonNegativeCentsSchema }),
  z.object({ kind: z.literal('due'), dueDate: IsoDateSchema }),
  /** A payment plan is kept: what is due is its next payment, not the balance. */
  z.object({ kind: z.literal('plan_due'), amountCents: NonNegativeCentsSchema, dueDate: IsoDateSchema }),
  /** A kept plan's payment failed or was missed: what is behind, due again by `dueDate`. */
  z.object({ kind: z.literal('plan_behind'), behindCents: NonNegativeCentsSchema, dueDate: IsoDateSchema }),
  z.object({ kind: z.literal('past_due'), dueDate: IsoDateSchema, letterOn: IsoDateSchema }),
  z.object({ kind: z.literal('letter_sent'), letterMailedOn: IsoDateSchema, collectionsOn: IsoDateSchema }),
  z.object({ kind: z.literal('in_collections'), referredOn: IsoDateSchema }),
]);

/**
 * A bill the patient may dispute (45 CFR 149.620): for at least one provider it is $400.00 or
 * more above that provider's total on the good-faith estimate, and the 120 days have not passed.
 */
export const DisputeNoticeSchema = z.object({
  statementId: z.string(),
  /** The date on the bill, from which the 120 days run. */
  billedOn: IsoDateSchema,
  /** The last day the patient can start the dispute. */
  startBy: IsoDateSchema,
  estimateId: z.string(),
  estimateIssuedOn: IsoDateSchema,
  /** The providers whose bill is at least $400.00 over their estimate. */
  providers: z
    .array(
      z.object({
        name: z.string(),
        npi: z.string(),
        expectedCents: NonNegativeCentsSchema,
        billedCents: NonNegativeCentsSchema,
        overCents: NonNegativeCentsSchema,
      }),
    )
    .check(z.minLength(1)),
  /** Where the federal patient-provider dispute resolution process starts. */
  howToStart: z.object({ url: z.url(), phone: z.string(), feeCents: NonNegativeCentsSchema }),
});

/** `GET /v1/account`: what the patient owes and why, for the account the session is scoped to. */
export const AccountSchema = z.object({
  id: z.string(),
  practice: PracticeIdSchema,
  accountNumber: z.string(),
  patient: z.object({ firstName: z.string(), lastInitial: z.string() }),
  coverage: z.enum(['insured', 'self_pay']),
  balanceCents: CentsSchema,
  /** The earliest due date of what is open; absent when nothing is owed. */
  dueDate: z.optional(IsoDateSchema),
  aging: AgingSchema,
  nextStep: NextStepSchema,
  /** The payment plan running on this account (active or delinquent); absent when none. */
  plan: z.optional(AccountPlanSchema),
  /** The day the server judged the account on (its "today"). */
  asOf: IsoDateSchema,
  statements: z.array(StatementSummarySchema),
  fees: z.array(FeeSchema),
  payments: z.array(PaymentSummarySchema),
  /** Bills on this account that may be disputed against a good-faith estimate; absent when none. */
  disputes: z.optional(z.array(DisputeNoticeSchema)),
});

export const LineItemSchema = z.object({
  id: z.string(),
  serviceDate: IsoDateSchema,
  provider: z.string(),
  /** The practice's own words for the service, in the practice's language. */
  description: z.string(),
  /**
   * The same in Spanish, from the practice's price list for this code (and provider); absent when
   * the practice has no Spanish name for it, and the widget then shows `description`.
   */
  descriptionEs: z.optional(z.string()),
  /** CPT or HCPCS code. */
  code: z.string(),
  chargeCents: NonNegativeCentsSchema,
  insurancePaidCents: NonNegativeCentsSchema,
  adjustmentCents: NonNegativeCentsSchema,
  patientCents: NonNegativeCentsSchema,
  notes: z.array(InsurerNoteSchema),
});

/** `GET /v1/statements/{id}`: one statement, itemized. */
export const StatementSchema = z.object({
  ...StatementSummarySchema.shape,
  lineItems: z.array(LineItemSchema),
  fees: z.array(FeeSchema),
  payments: z.array(PaymentSummarySchema),
  totals: z.object({
    chargeCents: NonNegativeCentsSchema,
    insurancePaidCents: NonNegativeCentsSchema,
    adjustmentCents: NonNegativeCentsSchema,
    patientCents: NonNegativeCentsSchema,
    feesCents: NonNegativeCentsSchema,
    paymentsCents: NonNegativeCentsSchema,
  }),
});

/** `201` answer to `POST /v1/lookups`. The token goes in `Authorization: Bearer` and nowhere else. */
export const LookupResponseSchema = z.object({
  token: z.string().check(z.minLength(32)),
  /** Seconds of inactivity after which the session ends. */
  idleTimeoutSeconds: z.int().check(z.minimum(1)),
  account: AccountSchema,
  /**
   * What the link the bill was found with was sent for, beyond showing the bill: `plan_method`,
   * the billing office asked the patient to change the payment method of plan `planId`.
   */
  intent: z.optional(z.object({ kind: z.literal('plan_method'), planId: z.string().check(z.maxLength(64)) })),
});

export type BillIdLookup = z.infer<typeof BillIdLookupSchema>;
export type AccountLookup = z.infer<typeof AccountLookupSchema>;
export type LookupRequest = z.infer<typeof LookupRequestSchema>;
export type LookupResponse = z.infer<typeof LookupResponseSchema>;
export type LookupIntent = NonNullable<LookupResponse['intent']>;
export type InsurerNote = z.infer<typeof InsurerNoteSchema>;
export type InsurerNoteKind = z.infer<typeof InsurerNoteKindSchema>;
export type Fee = z.infer<typeof FeeSchema>;
export type FeeReason = z.infer<typeof FeeReasonSchema>;
export type PaymentSummary = z.infer<typeof PaymentSummarySchema>;
export type PaymentMethodKind = z.infer<typeof PaymentMethodKindSchema>;
export type StatementSummary = z.infer<typeof StatementSummarySchema>;
export type Account = z.infer<typeof AccountSchema>;
export type LineItem = z.infer<typeof LineItemSchema>;
export type Statement = z.infer<typeof StatementSchema>;
export type AgingBuckets = z.infer<typeof AgingSchema>;
export type AccountNextStep = z.infer<typeof NextStepSchema>;
export type DisputeNotice = z.infer<typeof DisputeNoticeSchema>;

