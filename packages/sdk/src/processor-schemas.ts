/**
 * The wire contract of the sandbox payment processor (its own origin, not the billing API).
 * Browsers send card and bank data here and get tokens back; the practice's server charges the
 * tokens with its secret key. Amounts are integer cents.
 */
import * as z from 'zod/mini';

/** The processor's structured error: `param` names the request field it is about, if one. */
export const ProcessorErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    param: z.optional(z.string()),
  }),
});

const Text = (max: number) => z.string().check(z.maxLength(max));

/** `POST /v1/tokens/card`. Checked by the processor with the SDK's card rules. */
export const CardTokenRequestSchema = z.object({
  number: Text(40),
  expMonth: z.int().check(z.minimum(1), z.maximum(12)),
  /** Four digits, or two (26 means 2026). */
  expYear: z.int().check(z.minimum(0), z.maximum(9999)),
  cvc: Text(8),
  name: z.string().check(z.minLength(1), z.maxLength(100)),
  postalCode: z.string().check(z.regex(/^\d{5}(-\d{4})?$/, 'expected a ZIP code')),
  /**
   * Save the card, with the cardholder's consent, so it can be charged again later (a payment
   * plan's automatic installments). Without it a card token is charged once.
   */
  reusable: z.optional(z.boolean()),
});

export const BankAccountTypeSchema = z.enum(['checking', 'savings']);

/** `POST /v1/tokens/bank`. */
export const BankTokenRequestSchema = z.object({
  routingNumber: Text(20),
  accountNumber: Text(30),
  accountType: BankAccountTypeSchema,
  holderName: z.string().check(z.minLength(1), z.maxLength(100)),
});

export const WalletSchema = z.enum(['apple_pay', 'google_pay']);

/** `POST /v1/tokens/wallet`: the sandbox's stand-in for a wallet's payment data. */
export const WalletTokenRequestSchema = z.object({
  wallet: WalletSchema,
  sandboxCard: z.optional(Text(40)),
  reusable: z.optional(z.boolean()),
});

export const CardBrandSchema = z.enum(['visa', 'mastercard', 'amex', 'discover', 'diners', 'jcb']);

export const TokenCardSchema = z.object({
  brand: CardBrandSchema,
  last4: z.string().check(z.regex(/^\d{4}$/)),
  expMonth: z.int(),
  expYear: z.int(),
  wallet: z.optional(WalletSchema),
});

export const CardTokenSchema = z.object({
  id: z.string().check(z.regex(/^tok_/)),
  kind: z.literal('card'),
  card: TokenCardSchema,
  /** Saved for later charges; absent for a single-use card token. */
  reusable: z.optional(z.boolean()),
});

export const BankTokenSchema = z.object({
  id: z.string().check(z.regex(/^tok_/)),
  kind: z.literal('bank'),
  bank: z.object({
    last4: z.string().check(z.regex(/^\d{4}$/)),
    accountType: BankAccountTypeSchema,
    routingLast4: z.string().check(z.regex(/^\d{4}$/)),
    /** The bank's name, when the processor's routing directory knows the routing number. */
    bankName: z.optional(z.string().check(z.maxLength(100))),
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

export type ProcessorErrorBody = z.infer<typeof ProcessorErrorBodySchema>;
export type CardTokenRequest = z.infer<typeof CardTokenRequestSchema>;
export type BankTokenRequest = z.infer<typeof BankTokenRequestSchema>;
export type WalletTokenRequest = z.infer<typeof WalletTokenRequestSchema>;
export type Wallet = z.infer<typeof WalletSchema>;
export type BankAccountType = z.infer<typeof BankAccountTypeSchema>;
export type CardToken = z.infer<typeof CardTokenSchema>;
export type BankToken = z.infer<typeof BankTokenSchema>;
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
