import { AccountNoticeSchema, type AccountNotice } from '../notice-schemas.js';
import { PaymentSchema, type Payment } from '../payment-schemas.js';
import type { PhonePaymentRequest, ReceiptEmailRequest } from '../phone-payment-schemas.js';
import { change, type ChangeOptions, type ConsoleConnection } from './admin.js';

/**
 * `POST /admin/v1/accounts/{id}/payments`: a payment taken by the billing office by phone, with
 * the console's staff session, once per `idempotencyKey` (one per attempt, kept across retries).
 * Answers the receipt, as the patient's own payment does. @throws ApiError (e.g. 402
 * `payment_declined`, 422 `amount_not_allowed`, 409 `token_already_used`), NetworkError
 */
export function takePhonePayment(connection: ConsoleConnection, accountId: string, input: PhonePaymentRequest, options: ChangeOptions): Promise<Payment> {
  return change(connection, `admin/v1/accounts/${encodeURIComponent(accountId)}/payments`, PaymentSchema, input, options);
}

/**
 * `POST /admin/v1/accounts/{id}/payments/{paymentId}/receipt`: queues the receipt of a payment
 * that succeeded, to `input.email` (the address the patient gives) or else the account's own;
 * once per `idempotencyKey`. Answers the notice, its address masked. @throws ApiError (404
 * `payment_not_found`, 409 `payment_not_succeeded`, `no_email`, 400 `invalid_request`), NetworkError
 */
export function emailReceipt(connection: ConsoleConnection, accountId: string, paymentId: string, input: ReceiptEmailRequest, options: ChangeOptions): Promise<AccountNotice> {
  return change(connection, `admin/v1/accounts/${encodeURIComponent(accountId)}/payments/${encodeURIComponent(paymentId)}/receipt`, AccountNoticeSchema, input, options);
}
