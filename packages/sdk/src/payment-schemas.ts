/**
 * The billing API's wire contract for payments. Card and bank data never come here: only the
 * processor's token.
 */
import * as z from 'zod/mini';
import { CentsSchema, NonNegativeCentsSchema } from './schemas.js';
import { PaymentMethodKindSchema, PaymentStatusSchema } from './account-schemas.js';

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
  /**
   * At least $1.00 (`MIN_PAYMENT_CENTS`) and at most the balance: the API answers an amount
   * outside that range with `amount_not_allowed` and the range (`AmountNotAllowedError`).
   */
  amountCents: z.int().check(z.minimum(1), z.maximum(1_000_000_000)),
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
  /** What the practice has refunded of it so far, when it refunded some (`GET` only; see the account's payments too). */
  refundedCents: z.optional(NonNegativeCentsSchema),
});

export type PaymentStatus = z.infer<typeof PaymentStatusSchema>;
export type PaymentDeclineCode = z.infer<typeof PaymentDeclineCodeSchema>;
export type PaymentMethod = z.infer<typeof PaymentMethodSchema>;
export type DebitAuthorization = z.infer<typeof DebitAuthorizationSchema>;
export type PaymentRequest = z.infer<typeof PaymentRequestSchema>;
export type Payment = z.infer<typeof PaymentSchema>;
