/**
 * The wire contract of the billing office's money and plan desks (issue 14), under `/admin/v1`:
 * a day's money, its deposit reconciled against the processor, the aging of balances, and a plan
 * with its attempts and the changes staff make to it. Apart from the console's first screen
 * (`admin-schemas.ts`): only the pages that show them load them.
 */
import * as z from 'zod/mini';
import { PaymentStatusSchema } from './account-schemas.js';
import { PlanDetailSchema } from './admin-schemas.js';
import { PlanSchema } from './plan-schemas.js';
import { CentsSchema, IsoDateSchema } from './schemas.js';

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
  /** What changed (dates, amounts), by the kind of change; read as the server wrote it. */
  detail: z.looseObject({}),
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
