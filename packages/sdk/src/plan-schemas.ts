/**
 * The wire contract of payment plans: the practice's policy, the request that creates a plan, the
 * plan as the API answers it. The account view's and the error body's plan pieces are in
 * schemas.ts; the schedule arithmetic is in schedule.ts.
 */
import * as z from 'zod/mini';
import {
  AccountPlanSchema,
  IsoDateSchema,
  NonNegativeCentsSchema,
  PlanFrequencySchema,
  PlanRuleViolationSchema,
  ScheduledPaymentSchema,
} from './schemas.js';
import { DebitAuthorizationSchema, PaymentMethodSchema, PaymentSchema } from './payment-schemas.js';

/**
 * Whether the practice offers automatic payment for plans. `required_over_months`: plans longer
 * than `autopayRequiredOverMonths` need it. Automatic payment is never the only way to get a plan:
 * shorter plans can always be paid by hand.
 */
export const AutopayPolicySchema = z.enum(['offered', 'required_over_months', 'not_offered']);

/** A practice's payment-plan rules (`planPolicy` in its configuration). */
export const PlanPolicySchema = z
  .object({
    /** The smallest balance that may go on a plan. */
    minBalanceCents: z.int().check(z.minimum(0), z.maximum(1_000_000_000)),
    /** The smallest payment of a plan (every payment, the last included). At least $1.00. */
    minInstallmentCents: z.int().check(z.minimum(100), z.maximum(1_000_000_000)),
    /** The longest plan: every payment falls within this many months of the first. */
    maxMonths: z.int().check(z.minimum(1), z.maximum(120)),
    frequencies: z.array(PlanFrequencySchema).check(z.minLength(1)),
    /** The first payment is due at the latest this many days after the plan is made (0: today). */
    firstPaymentWithinDays: z.int().check(z.minimum(0), z.maximum(90)),
    /** A down payment the practice requires when the plan is made, if any. */
    downPaymentCents: z.optional(z.int().check(z.minimum(0), z.maximum(1_000_000_000))),
    autopay: AutopayPolicySchema,
    /** With `required_over_months`: the longest plan that may be paid by hand, in months. */
    autopayRequiredOverMonths: z.optional(z.int().check(z.minimum(1), z.maximum(119))),
  })
  .check(
    z.refine(
      (policy) =>
        policy.autopay !== 'required_over_months' ||
        (policy.autopayRequiredOverMonths !== undefined && policy.autopayRequiredOverMonths < policy.maxMonths),
      {
        message:
          'with autopay "required_over_months", set autopayRequiredOverMonths below maxMonths: plans up to that many months must be payable by hand, since automatic payment may never be the only way to get a plan',
        path: ['autopayRequiredOverMonths'],
      },
    ),
    z.refine((policy) => new Set(policy.frequencies).size === policy.frequencies.length, {
      message: 'each frequency once',
      path: ['frequencies'],
    }),
    z.refine((policy) => !policy.downPaymentCents || policy.firstPaymentWithinDays >= 1, {
      message: 'a down payment is taken the day the plan is made, so the first installment needs a window of at least 1 day',
      path: ['firstPaymentWithinDays'],
    }),
  );

/** A processor token, as payments take them. */
const TokenSchema = z.string().check(z.regex(/^tok_[A-Za-z0-9_-]{8,60}$/, 'expected a processor token'));

/**
 * A plan's payments charged automatically: the bank account or saved card (a processor token) and
 * the recurring-payment authorization the patient accepted for it. What `POST /v1/plans` takes for
 * automatic payment, and what `POST /v1/plans/{id}/payment-method` takes to change it.
 */
export const AutomaticPlanPaymentSchema = z.object({
  mode: z.literal('automatic'),
  /** What the token stands for, as the processor said when it was made. */
  method: z.enum(['card', 'bank']),
  token: TokenSchema,
  /** The recurring-payment authorization shown (printable) and accepted: the exact text, and when. */
  authorization: DebitAuthorizationSchema,
});

/** How the plan's payments are made: by the patient each time, or charged automatically. */
export const PlanPaymentRequestSchema = z.discriminatedUnion('mode', [z.object({ mode: z.literal('manual') }), AutomaticPlanPaymentSchema]);

/**
 * `POST /v1/plans/{id}/payment-method`, with a required `Idempotency-Key` header: the new method of
 * an automatic plan's payments and the authorization the patient accepted for it, exactly as a
 * plan is set up with them. The installments left are charged to it; nothing is charged now.
 */
export const PlanMethodRequestSchema = z.object({ payment: AutomaticPlanPaymentSchema });

/**
 * `POST /v1/plans`, with a required `Idempotency-Key` header. Either `payments` (how many
 * installments) or `amountCents` (how much each), not both. The plan covers the account's whole
 * balance; the server computes the schedule with the SDK's `planSchedule` and the practice policy.
 */
export const PlanRequestSchema = z
  .object({
    frequency: PlanFrequencySchema,
    /** The first installment's date (after the down payment, which is due the day the plan is made). */
    firstDate: IsoDateSchema,
    payments: z.optional(z.int().check(z.minimum(1), z.maximum(1_000))),
    amountCents: z.optional(z.int().check(z.minimum(1), z.maximum(1_000_000_000))),
    downPaymentCents: z.optional(NonNegativeCentsSchema),
    payment: PlanPaymentRequestSchema,
  })
  .check(
    z.refine((request) => (request.payments === undefined) !== (request.amountCents === undefined), {
      message: 'send either payments (how many) or amountCents (how much each), not both',
      path: ['payments'],
    }),
  );

export const InstallmentStatusSchema = z.enum(['scheduled', 'charging', 'processing', 'paid', 'failed', 'canceled']);

/** One payment of a plan and what became of it. */
export const PlanInstallmentSchema = z.object({
  ...ScheduledPaymentSchema.shape,
  /**
   * `scheduled` (not yet due, or due and not yet paid), `charging` (an automatic charge under
   * way), `processing` (a bank debit made, not settled), `paid`, `failed` (tried again on
   * `retryOn`), `canceled` (the plan was canceled or paid off).
   */
  status: InstallmentStatusSchema,
  /** Failed or missed attempts in a row for this payment. */
  failures: z.int().check(z.minimum(0)),
  retryOn: z.optional(IsoDateSchema),
  paidOn: z.optional(IsoDateSchema),
  /** The payment that paid it (or the last attempt). */
  paymentId: z.optional(z.string()),
});

/** A plan as `POST /v1/plans` and `GET /v1/plans/{id}` answer it. */
export const PlanSchema = z.object({
  ...AccountPlanSchema.shape,
  /** The balance the plan was made for. */
  balanceCents: NonNegativeCentsSchema,
  downPaymentCents: NonNegativeCentsSchema,
  /** The regular installment; the last one may differ (it takes the remainder). */
  installmentCents: NonNegativeCentsSchema,
  firstDate: IsoDateSchema,
  lastDate: IsoDateSchema,
  /** ISO 8601 date and time the plan was made. */
  createdAt: z.string(),
  /** The automatic payment's method: its kind only (the token stays on the server). */
  method: z.optional(z.enum(['card', 'bank'])),
  /** The automatic payment's card or bank account as the processor described it (plans made or changed since it was kept). */
  paymentMethod: z.optional(PaymentMethodSchema),
  /** The authorization the patient accepted for automatic payments, to print or show again. */
  authorization: z.optional(DebitAuthorizationSchema),
  installments: z.array(PlanInstallmentSchema),
  canceledOn: z.optional(IsoDateSchema),
});

/**
 * `GET /v1/plans/options`: what the plan builder needs for the session's account: the policy, the
 * balance a plan would cover, the server's today and the window for the first payment, and
 * whether the account may have a plan now (or the plan it already has).
 */
export const PlanOptionsSchema = z.object({
  policy: PlanPolicySchema,
  balanceCents: z.int(),
  today: IsoDateSchema,
  earliestFirstDate: IsoDateSchema,
  latestFirstDate: IsoDateSchema,
  eligible: z.boolean(),
  /** Why not, when not eligible: the rule (e.g. `balance_too_small`). */
  ineligible: z.optional(PlanRuleViolationSchema),
  /** The plan already running on the account, if any (then `eligible` is false). */
  planId: z.optional(z.string()),
});

/** `POST /v1/plans/{id}/payoff` (Idempotency-Key required): pays what the plan has left in one payment. */
export const PlanPayoffRequestSchema = z.object({
  token: TokenSchema,
  /** Required for a bank account (a single ACH debit). */
  authorization: z.optional(DebitAuthorizationSchema),
});

export const PlanPayoffSchema = z.object({
  plan: PlanSchema,
  payment: PaymentSchema,
});

export type AutopayPolicy = z.infer<typeof AutopayPolicySchema>;
export type PlanPolicy = z.infer<typeof PlanPolicySchema>;
export type PlanPaymentRequest = z.infer<typeof PlanPaymentRequestSchema>;
export type AutomaticPlanPayment = z.infer<typeof AutomaticPlanPaymentSchema>;
export type PlanMethodRequest = z.infer<typeof PlanMethodRequestSchema>;
export type PlanRequest = z.infer<typeof PlanRequestSchema>;
export type InstallmentStatus = z.infer<typeof InstallmentStatusSchema>;
export type PlanInstallment = z.infer<typeof PlanInstallmentSchema>;
export type Plan = z.infer<typeof PlanSchema>;
export type PlanOptions = z.infer<typeof PlanOptionsSchema>;
export type PlanPayoffRequest = z.infer<typeof PlanPayoffRequestSchema>;
export type PlanPayoff = z.infer<typeof PlanPayoffSchema>;

