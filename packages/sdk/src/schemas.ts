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
  /**
   * The practice's colours in the widget (the console's Settings change them): `accentColor`,
   * `#rrggbb`, its buttons and links in light mode. Its form and contrast are checked where it is
   * set (`BrandingSchema`: the practice's file and the console), not again in every browser (the
   * widget sets it as one CSS property's value, which cannot reach past it).
   */
  branding: z.optional(z.object({ accentColor: z.string() })),
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
