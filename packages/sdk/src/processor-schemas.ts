/**
 * The server-to-server wire contract of the sandbox payment processor (its own origin, not the
 * billing API): the practice's server reads and charges the tokens browsers made (see
 * `token-schemas.ts`) with its secret key, refunds, and follows status changes. Amounts are
 * integer cents. Exported from `@billpay/sdk/processor` only, never from the browser entry.
 */
import * as z from 'zod/mini';
import { BankAccountTypeSchema, BankTokenSchema, CardBrandSchema, CardTokenSchema, WalletSchema } from './token-schemas.js';

/** The processor's structured error: `param` names the request field it is about, if one. */
export const ProcessorErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    param: z.optional(z.string()),
  }),
});

export const ProcessorTokenSchema = z.discriminatedUnion('kind', [CardTokenSchema, BankTokenSchema]);

/**
 * `GET /v1/tokens/{id}` (secret key): what a token stands for, as tokenization described it (never
 * the number), plus whether it has been charged. The practice API reads it before charging, e.g.
 * to require a Nacha authorization for a bank account.
 */
export const TokenDetailsSchema = z.discriminatedUnion('kind', [
  z.object({ ...CardTokenSchema.shape, used: z.boolean(), reusable: z.optional(z.boolean()), created: z.string() }),
  z.object({ ...BankTokenSchema.shape, used: z.boolean(), reusable: z.optional(z.boolean()), created: z.string() }),
]);

const AmountCentsSchema = z.int().check(z.minimum(1), z.maximum(100_000_000));

/** `POST /v1/charges` (secret key, Idempotency-Key required). */
export const ChargeRequestSchema = z.object({
  token: z.string().check(z.minLength(1), z.maxLength(64)),
  amountCents: AmountCentsSchema,
  description: z.optional(z.string().check(z.maxLength(500))),
  metadata: z.optional(
    z.record(z.string().check(z.minLength(1), z.maxLength(40)), z.string().check(z.maxLength(500))).check(
      z.refine((value) => Object.keys(value).length <= 20, 'at most 20 metadata keys'),
    ),
  ),
});

export const ChargeStatusSchema = z.enum(['succeeded', 'declined', 'processing', 'settled', 'returned']);
export const DeclineCodeSchema = z.enum(['card_declined', 'expired_card', 'incorrect_cvc']);

export const ChargeMethodSchema = z.object({
  kind: z.enum(['card', 'bank', 'wallet']),
  brand: z.optional(CardBrandSchema),
  last4: z.string().check(z.regex(/^\d{4}$/)),
  wallet: z.optional(WalletSchema),
  /** Bank debits: the account's type and, when known, the bank's name. */
  accountType: z.optional(BankAccountTypeSchema),
  bankName: z.optional(z.string().check(z.maxLength(100))),
});

export const ChargeSchema = z.object({
  id: z.string().check(z.regex(/^ch_/)),
  status: ChargeStatusSchema,
  amountCents: z.int(),
  amountRefundedCents: z.int(),
  declineCode: z.optional(DeclineCodeSchema),
  /** Nacha return reason of a returned bank debit, e.g. R01 (insufficient funds). */
  returnCode: z.optional(z.string()),
  method: ChargeMethodSchema,
  description: z.optional(z.string()),
  metadata: z.optional(z.record(z.string(), z.string())),
  /** ISO 8601, by the processor's clock. */
  created: z.string(),
});

export const ChargeListSchema = z.object({ data: z.array(ChargeSchema) });

/** `POST /v1/refunds` (secret key, Idempotency-Key required). Without an amount: what is left. */
export const RefundRequestSchema = z.object({
  charge: z.string().check(z.minLength(1), z.maxLength(64)),
  amountCents: z.optional(AmountCentsSchema),
});

export const RefundSchema = z.object({
  id: z.string().check(z.regex(/^re_/)),
  charge: z.string(),
  amountCents: z.int(),
  status: z.literal('succeeded'),
  created: z.string(),
});

/** `POST /v1/sandbox/clock`: moves the sandbox processor's clock forward. */
export const SandboxClockRequestSchema = z.object({
  advanceDays: z.int().check(z.minimum(0), z.maximum(365)),
});

export const ProcessorEventSchema = z.object({
  id: z.string(),
  type: z.enum(['charge.settled', 'charge.returned']),
  charge: ChargeSchema,
  created: z.string(),
});

/** `GET /v1/events?since=<cursor>`: status changes in order; pass `nextCursor` back as `since`. */
export const ProcessorEventListSchema = z.object({
  data: z.array(ProcessorEventSchema),
  nextCursor: z.string(),
});

/**
 * `GET /v1/payouts/{date}` (secret key): the settlement report of the payout the processor makes to
 * the merchant's bank account on `date` (`YYYY-MM-DD`, the processor's day, UTC), line by line: a
 * card or wallet charge the weekday after it was made, a bank debit the day it settled, a refund the
 * weekday after it was made, a bank debit that came back the weekday after it did (taken back out of
 * the payout, as a bank return after settlement is). Amounts are signed: into the merchant is positive.
 */
export const PayoutLineSchema = z.object({
  type: z.enum(['charge', 'refund', 'return']),
  /** The charge's id (`ch_`), or the refund's (`re_`). */
  id: z.string(),
  /** The charge the line is of. */
  charge: z.string(),
  amountCents: z.int(),
  method: z.enum(['card', 'bank', 'wallet']),
});

export const PayoutSchema = z.object({
  date: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
  /** The sum of the lines: what reaches the bank account that day (negative: taken from it). */
  amountCents: z.int(),
  lines: z.array(PayoutLineSchema),
});

export type ProcessorErrorBody = z.infer<typeof ProcessorErrorBodySchema>;
export type ProcessorToken = z.infer<typeof ProcessorTokenSchema>;
export type TokenDetails = z.infer<typeof TokenDetailsSchema>;
export type ChargeRequest = z.infer<typeof ChargeRequestSchema>;
export type ChargeStatus = z.infer<typeof ChargeStatusSchema>;
export type DeclineCode = z.infer<typeof DeclineCodeSchema>;
export type ChargeMethod = z.infer<typeof ChargeMethodSchema>;
export type Charge = z.infer<typeof ChargeSchema>;
export type RefundRequest = z.infer<typeof RefundRequestSchema>;
export type Refund = z.infer<typeof RefundSchema>;
export type ProcessorEvent = z.infer<typeof ProcessorEventSchema>;
export type ProcessorEventList = z.infer<typeof ProcessorEventListSchema>;
export type PayoutLine = z.infer<typeof PayoutLineSchema>;
export type Payout = z.infer<typeof PayoutSchema>;
