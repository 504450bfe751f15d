import * as z from 'zod/mini';
import { DebitAuthorizationSchema, PaymentRequestSchema } from './payment-schemas.js';

/**
 * A bank debit authorized by telephone (Nacha TEL): the exact words staff read to the patient
 * (`telephoneAuthorizationScript`), when the patient agreed, and the version of the wording.
 */
export const TelephoneAuthorizationSchema = z.object({
  ...DebitAuthorizationSchema.shape,
  version: z.string().check(z.minLength(1), z.maxLength(40)),
});

/**
 * `POST /admin/v1/accounts/{id}/payments`, with a required `Idempotency-Key` header: a payment
 * the billing office takes by phone, with a processor token from the hosted card fields (or the
 * bank account tokenized at the processor), as the patient's own payment is made.
 */
export const PhonePaymentRequestSchema = z.object({
  amountCents: PaymentRequestSchema.shape.amountCents,
  token: PaymentRequestSchema.shape.token,
  statementId: PaymentRequestSchema.shape.statementId,
  /** Required for a bank account: the telephone authorization the patient gave. */
  authorization: z.optional(TelephoneAuthorizationSchema),
});

export type TelephoneAuthorization = z.infer<typeof TelephoneAuthorizationSchema>;
export type PhonePaymentRequest = z.infer<typeof PhonePaymentRequestSchema>;

/** The longest email address a receipt goes to (RFC 5321's limit on a path). */
export const MAX_RECEIPT_EMAIL_LENGTH = 254;

/**
 * `POST /admin/v1/accounts/{id}/payments/{paymentId}/receipt`, with a required `Idempotency-Key`
 * header: the payment's receipt emailed again, or for the first time, to the address the patient
 * gives on the phone (`email`), or to the account's own without one.
 */
export const ReceiptEmailRequestSchema = z.object({
  email: z.optional(z.email().check(z.maxLength(MAX_RECEIPT_EMAIL_LENGTH))),
});

export type ReceiptEmailRequest = z.infer<typeof ReceiptEmailRequestSchema>;

export type ReceiptEmailCheck = { readonly ok: true; readonly email: string } | { readonly ok: false; readonly issue: 'missing' | 'invalid' };

/** The address typed for a receipt, as the server will take it: trimmed, an email address, at most 254 characters. */
export function checkReceiptEmail(typed: string): ReceiptEmailCheck {
  const email = typed.trim();
  if (!email) return { ok: false, issue: 'missing' };
  return ReceiptEmailRequestSchema.safeParse({ email }).success ? { ok: true, email } : { ok: false, issue: 'invalid' };
}
