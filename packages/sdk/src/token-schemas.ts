/**
 * What a browser sends the practice's payment processor (its own origin, never the billing API)
 * and gets back: card, bank account and wallet details in, single-use or saved tokens out. The
 * rest of the processor's contract (charges, refunds, events) is server-to-server and lives in
 * `@billpay/sdk/processor`.
 */
import * as z from 'zod/mini';

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

export type CardTokenRequest = z.infer<typeof CardTokenRequestSchema>;
export type BankTokenRequest = z.infer<typeof BankTokenRequestSchema>;
export type WalletTokenRequest = z.infer<typeof WalletTokenRequestSchema>;
export type Wallet = z.infer<typeof WalletSchema>;
export type BankAccountType = z.infer<typeof BankAccountTypeSchema>;
export type CardToken = z.infer<typeof CardTokenSchema>;
export type BankToken = z.infer<typeof BankTokenSchema>;
