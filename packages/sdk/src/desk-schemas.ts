/**
 * The wire contract of the billing office's money and plan desks (issue 14), under `/admin/v1`:
 * a day's money, its deposit reconciled against the processor, the aging of balances, and a plan
 * with its attempts and the changes staff make to it. Apart from the console's first screen
 * (`admin-schemas.ts`): only the pages that show them load them.
 */
import * as z from 'zod/mini';
import { PaymentStatusSchema } from './account-schemas.js';
import { PlanDetailSchema } from './admin-schemas.js';
import { PlanPolicySchema, PlanSchema } from './plan-schemas.js';
import { BrandingSchema, PostalAddressSchema } from './practice-file-schemas.js';
import { CentsSchema, ContactSchema, IsoDateSchema, PoliciesSchema, PracticeSchema } from './schemas.js';

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
      takenBy: z.enum(['patient', 'practice', 'staff']),
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

// ---------------------------------------------------------------------------------------------
// The practice's settings (issue 14): the part of its configuration an admin changes in the
// console. Each piece is the configuration file's own schema (`PracticeSchema`'s name, contact,
// policies and branding, `PlanPolicySchema`, the remit address), so the file and the console are
// checked alike.

/** What an admin may change, in the configuration file's own shape: the database's copy wins over the file. */
export const PracticeSettingsSchema = z.object({
  name: PracticeSchema.shape.name,
  // The contact's own fields (not `z.pick`, whose helpers would join the console's first screen).
  contact: z.object({ phone: ContactSchema.shape.phone, email: ContactSchema.shape.email, hours: ContactSchema.shape.hours }),
  /** Where patients mail checks (the paper statement's return slip). */
  remitAddress: z.optional(PostalAddressSchema),
  financialAssistanceUrl: z.optional(z.url({ protocol: /^https?$/ })),
  policies: PoliciesSchema,
  planPolicy: z.optional(PlanPolicySchema),
  branding: z.optional(BrandingSchema),
});

/** `GET` and `PUT /admin/v1/settings`: the settings in force, their version, and what only the file sets. */
export const PracticeSettingsViewSchema = z.object({
  /** Changes with every save: a save must name the version it was made from (else 409 `settings_changed`). */
  version: z.int().check(z.minimum(0)),
  settings: PracticeSettingsSchema,
  /** Set in the practice's file only (shown, not changed here). */
  fixed: z.object({ id: z.string(), timeZone: z.string(), allowedOrigins: z.array(z.string()), logo: z.optional(z.object({ url: z.string(), alt: z.string() })) }),
  /** When and by whom the settings were last saved in the console; null while the file's are in force. */
  updatedAt: z.nullable(z.string()),
  updatedBy: z.nullable(z.string()),
});

/** `PUT /admin/v1/settings`'s body: the whole settings, and the version they were edited from. */
export const PracticeSettingsUpdateSchema = z.object({
  version: z.int().check(z.minimum(0), z.maximum(2_147_483_647)),
  settings: PracticeSettingsSchema,
});

export type PracticeSettings = z.infer<typeof PracticeSettingsSchema>;
export type PracticeSettingsView = z.infer<typeof PracticeSettingsViewSchema>;
export type PracticeSettingsUpdate = z.infer<typeof PracticeSettingsUpdateSchema>;
