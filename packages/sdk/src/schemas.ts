/**
 * The wire contract between the SDK and the billing API, defined once. The server validates
 * requests and responses with these same schemas and publishes them as OpenAPI. `zod/mini` keeps
 * the browser bundle small: its functions tree-shake where the classic API cannot.
 */
import * as z from 'zod/mini';
import { daysInMonth } from './date-of-birth.js';

/** A non-negative or signed integer amount in cents; never a float. */
export const CentsSchema = z.int().check(z.minimum(-1_000_000_000), z.maximum(1_000_000_000));
export const NonNegativeCentsSchema = z.int().check(z.minimum(0), z.maximum(1_000_000_000));

function isCalendarDate(value: string): boolean {
  const [year = 0, month = 0, day = 0] = value.split('-').map(Number);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** A calendar date without a time, `YYYY-MM-DD`. */
export const IsoDateSchema = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD'),
  // A real calendar day: 1984-02-30 or year 0000 fails here, not in the database.
  z.refine(isCalendarDate, 'expected a real calendar date'),
);

export const PracticeIdSchema = z
  .string()
  .check(z.regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, 'expected lowercase letters, digits and dashes'));

export const WeekdaySchema = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export const ClockTimeSchema = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:MM (24-hour)'));

export const OpeningHoursSchema = z.object({
  days: z.array(WeekdaySchema).check(z.minLength(1)),
  opens: ClockTimeSchema,
  closes: ClockTimeSchema,
});

export const ContactSchema = z.object({
  phone: z.string().check(z.regex(/^\+?[0-9 ().-]{7,20}$/, 'expected a phone number')),
  email: z.email(),
  /** When people answer the billing phone; formatted in the reader's language by the elements. */
  hours: z.array(OpeningHoursSchema),
  /** IANA time zone the hours are in, e.g. "America/New_York". */
  timeZone: z.string().check(z.minLength(1)),
});

export const PoliciesSchema = z.object({
  /** Days from the statement date until payment is due. */
  daysUntilDue: z.int().check(z.minimum(1), z.maximum(365)),
  /** Fee added when a copay was not paid at the visit. */
  invoicingFeeCents: NonNegativeCentsSchema,
  /** Fee added when a payment is returned (e.g. ACH R01, insufficient funds). */
  returnedPaymentFeeCents: NonNegativeCentsSchema,
  /** Days unpaid after the statement date before a letter is mailed. */
  letterAfterDays: z.int().check(z.minimum(1), z.maximum(3650)),
  /** Days after the letter before the account is referred to collections. */
  collectionsAfterLetterDays: z.int().check(z.minimum(1), z.maximum(3650)),
});

export const CheckDigitSchemeSchema = z.enum(['luhn', 'none']);

/** What the widget may show about a practice: `GET /v1/practices/{id}`. */
export const PracticeSchema = z.object({
  id: PracticeIdSchema,
  name: z.string().check(z.minLength(1), z.maxLength(120)),
  logo: z.optional(
    z.object({
      /** Absolute URL, or a path on the billing API's origin. */
      url: z.string().check(z.minLength(1)),
      alt: z.string(),
    }),
  ),
  contact: ContactSchema,
  financialAssistanceUrl: z.optional(z.url()),
  policies: PoliciesSchema,
  billIdCheckDigit: CheckDigitSchemeSchema,
  currency: z.literal('USD'),
  /** Where card and bank details go: the processor's own origin, never the billing API. */
  payments: z.optional(
    z.object({
      processorUrl: z.url(),
      /** Names the practice to the processor; not a secret. */
      publishableKey: z.string().check(z.minLength(8), z.maxLength(100)),
      /** The processor's hosted card page, shown in an iframe; default `{processorUrl}/hosted/card`. */
      hostedCardUrl: z.optional(z.url()),
    }),
  ),
});

// ---------------------------------------------------------------------------------------------
// Payment plans: the pieces the account view and the error body carry (the rest is in
// plan-schemas.ts, which builds on these).

export const PlanFrequencySchema = z.enum(['weekly', 'biweekly', 'semimonthly', 'monthly']);
export const PlanStatusSchema = z.enum(['active', 'delinquent', 'completed', 'paid_off', 'canceled']);
/** Automatic: the practice charges each installment. Manual: the patient pays each one. */
export const PlanModeSchema = z.enum(['automatic', 'manual']);

export const PlanRuleCodeSchema = z.enum([
  'invalid_choice',
  'balance_too_small',
  'frequency_not_offered',
  'first_date_out_of_window',
  'installment_too_small',
  'amount_too_large',
  'plan_too_long',
  'down_payment_too_small',
  'down_payment_too_large',
  'autopay_not_offered',
  'autopay_required',
]);

export const PlanFieldSchema = z.enum(['balanceCents', 'frequency', 'firstDate', 'payments', 'amountCents', 'downPaymentCents', 'mode']);

/** The nearest choices that work, at the chosen frequency unless `frequencies` says otherwise. */
export const PlanNearestSchema = z.object({
  frequency: z.optional(PlanFrequencySchema),
  minPayments: z.optional(z.int()),
  maxPayments: z.optional(z.int()),
  minAmountCents: z.optional(z.int()),
  maxAmountCents: z.optional(z.int()),
  earliestFirstDate: z.optional(IsoDateSchema),
  latestFirstDate: z.optional(IsoDateSchema),
  frequencies: z.optional(z.array(PlanFrequencySchema)),
  minDownPaymentCents: z.optional(z.int()),
  maxDownPaymentCents: z.optional(z.int()),
});

/** A plan choice that breaks a rule of the practice's policy: which rule, its number, and what would work. */
export const PlanRuleViolationSchema = z.object({
  code: PlanRuleCodeSchema,
  field: PlanFieldSchema,
  /** In English; widgets say it in the reader's language from `code`, `limit` and `nearest`. */
  message: z.string(),
  /** The policy's own number for this rule: cents, months or days, as the code implies. */
  limit: z.optional(z.int()),
  nearest: PlanNearestSchema,
});

/** One payment of a plan's schedule. */
export const ScheduledPaymentSchema = z.object({
  /** 1, 2, 3...: the down payment, when there is one, is number 1. */
  number: z.int().check(z.minimum(1)),
  kind: z.enum(['down_payment', 'installment']),
  dueOn: IsoDateSchema,
  amountCents: NonNegativeCentsSchema,
});

/** What the account shows of a plan that is running (active or delinquent). */
export const AccountPlanSchema = z.object({
  id: z.string(),
  status: PlanStatusSchema,
  frequency: PlanFrequencySchema,
  mode: PlanModeSchema,
  /** True while the plan is kept: the account is then not treated as past due. */
  current: z.boolean(),
  /** The next payment to make or to be charged; a failed one tried again has `retry`. */
  nextPayment: z.optional(z.object({ ...ScheduledPaymentSchema.shape, retry: z.boolean() })),
  paidCents: NonNegativeCentsSchema,
  remainingCents: NonNegativeCentsSchema,
  paymentsLeft: z.int().check(z.minimum(0)),
  /**
   * What the patient pays to bring the plan up to date: payments that failed or were missed, and
   * once delinquent everything due by today. 0 when the plan is up to date.
   */
  behindCents: NonNegativeCentsSchema,
  /** When the plan fell behind (two failed or missed payments in a row). */
  delinquentSince: z.optional(IsoDateSchema),
});

export type PlanFrequency = z.infer<typeof PlanFrequencySchema>;
export type PlanStatus = z.infer<typeof PlanStatusSchema>;
export type PlanMode = z.infer<typeof PlanModeSchema>;
export type PlanRuleCode = z.infer<typeof PlanRuleCodeSchema>;
export type PlanField = z.infer<typeof PlanFieldSchema>;
export type PlanNearest = z.infer<typeof PlanNearestSchema>;
export type PlanRuleViolation = z.infer<typeof PlanRuleViolationSchema>;
export type ScheduledPayment = z.infer<typeof ScheduledPaymentSchema>;
export type AccountPlan = z.infer<typeof AccountPlanSchema>;

/** One problem with a request, pointing at the field it concerns. */
export const ApiIssueSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  code: z.string(),
  message: z.string(),
});

/** Every 4xx and 5xx answer of the API has this body. */
export const ApiErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.optional(z.array(ApiIssueSchema)),
    /** When a locked-out lookup may be tried again (ISO 8601 date and time). */
    retryAt: z.optional(z.string()),
    /**
     * What else a locked-out lookup may prove to get through now (`amount_due`: the amount due on
     * a statement of the account, as `amountDueCents`).
     */
    stepUp: z.optional(z.enum(['amount_due'])),
    /** Why a payment was declined (with code `payment_declined`). */
    declineCode: z.optional(z.string()),
    /** The declined payment's id, so it can be shown or looked up. */
    paymentId: z.optional(z.string()),
    /** The request field a refusal is about (the processor names card fields this way). */
    param: z.optional(z.string()),
    /** The bounds of an allowed amount (with code `amount_not_allowed`). */
    minimumCents: z.optional(z.int()),
    maximumCents: z.optional(z.int()),
    /** The payment-plan rules a choice breaks, first the one `code` names (with a plan rule's code). */
    planRules: z.optional(z.array(PlanRuleViolationSchema)),
    requestId: z.optional(z.string()),
  }),
});

export const HealthSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
});

export type Practice = z.infer<typeof PracticeSchema>;
export type Contact = z.infer<typeof ContactSchema>;
export type OpeningHours = z.infer<typeof OpeningHoursSchema>;
export type Weekday = z.infer<typeof WeekdaySchema>;
export type Policies = z.infer<typeof PoliciesSchema>;
export type ApiIssue = z.infer<typeof ApiIssueSchema>;
export type ApiErrorBody = z.infer<typeof ApiErrorBodySchema>;
export type Health = z.infer<typeof HealthSchema>;

// ---------------------------------------------------------------------------------------------
// Bill lookup, sessions, accounts and statements

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

export const LookupRequestSchema = z.union([BillIdLookupSchema, AccountLookupSchema]);

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
});

export type BillIdLookup = z.infer<typeof BillIdLookupSchema>;
export type AccountLookup = z.infer<typeof AccountLookupSchema>;
export type LookupRequest = z.infer<typeof LookupRequestSchema>;
export type LookupResponse = z.infer<typeof LookupResponseSchema>;
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

// ---------------------------------------------------------------------------------------------
// Payments (practice API). Card and bank data never come here: only the processor's token.

export const PaymentDeclineCodeSchema = z.enum([
  'card_declined',
  'expired_card',
  'incorrect_cvc',
  'insufficient_funds',
  'processing_error',
]);

export const PaymentMethodSchema = z.object({
  kind: PaymentMethodKindSchema,
  brand: z.optional(z.enum(['visa', 'mastercard', 'amex', 'discover', 'diners', 'jcb'])),
  last4: z.string().check(z.regex(/^\d{4}$/)),
  wallet: z.optional(z.enum(['apple_pay', 'google_pay'])),
  /** A bank account's type, as the processor describes it ("Checking account ending 6789"). */
  accountType: z.optional(z.enum(['checking', 'savings'])),
  /** The bank's name, when the processor knows it from the routing number. */
  bankName: z.optional(z.string().check(z.maxLength(100))),
});

/** The Nacha authorization a patient accepted for a bank debit: the exact text shown, and when. */
export const DebitAuthorizationSchema = z.object({
  text: z.string().check(z.minLength(40), z.maxLength(4000)),
  acceptedAt: z.string().check(z.minLength(10), z.maxLength(40)),
});

/** The smallest payment the API takes: $1.00. */
export const MIN_PAYMENT_CENTS = 100;

/** `POST /v1/payments`, with a required `Idempotency-Key` header (one key per payment attempt). */
export const PaymentRequestSchema = z.object({
  /** At least $1.00 and at most the balance. */
  amountCents: z.int().check(z.minimum(MIN_PAYMENT_CENTS), z.maximum(1_000_000_000)),
  /** The processor's token for the card, bank account or wallet. */
  token: z.string().check(z.regex(/^tok_[A-Za-z0-9_-]{8,60}$/, 'expected a processor token')),
  statementId: z.optional(z.string().check(z.maxLength(100))),
  /** Required for a bank account (ACH web debit). */
  authorization: z.optional(DebitAuthorizationSchema),
});

/** A payment and its receipt: `POST /v1/payments` answers it, `GET /v1/payments/{id}` repeats it. */
export const PaymentSchema = z.object({
  id: z.string(),
  /** What the patient quotes when calling: short, unambiguous, not guessable. */
  confirmationNumber: z.string(),
  status: PaymentStatusSchema,
  amountCents: NonNegativeCentsSchema,
  statementId: z.nullable(z.string()),
  method: PaymentMethodSchema,
  /** ISO 8601 date and time the payment was made. */
  createdAt: z.string(),
  declineCode: z.optional(PaymentDeclineCodeSchema),
  /** Nacha return code of a returned bank debit, e.g. R01. */
  returnCode: z.optional(z.string()),
  /** The account's balance after this payment. */
  remainingBalanceCents: CentsSchema,
});

export type PaymentStatus = z.infer<typeof PaymentStatusSchema>;
export type PaymentDeclineCode = z.infer<typeof PaymentDeclineCodeSchema>;
export type PaymentMethod = z.infer<typeof PaymentMethodSchema>;
export type DebitAuthorization = z.infer<typeof DebitAuthorizationSchema>;
export type PaymentRequest = z.infer<typeof PaymentRequestSchema>;
export type Payment = z.infer<typeof PaymentSchema>;
