/**
 * `@billpay/sdk/admin-phone`: a payment the billing office takes by phone (`POST
 * /admin/v1/accounts/{id}/payments`) with the console's connection from `@billpay/sdk/admin`, the
 * Nacha telephone authorization staff read for a bank debit, and the payment's receipt emailed to
 * the address the patient gives. An entry of its own so that only the console's "Take a payment"
 * dialog loads it.
 * @module
 */
export { emailReceipt, takePhonePayment } from './api/phone-payments.js';
export { checkReceiptEmail, MAX_RECEIPT_EMAIL_LENGTH, PhonePaymentRequestSchema, ReceiptEmailRequestSchema, TelephoneAuthorizationSchema } from './phone-payment-schemas.js';
export type { PhonePaymentRequest, ReceiptEmailCheck, ReceiptEmailRequest, TelephoneAuthorization } from './phone-payment-schemas.js';
export { TELEPHONE_AUTHORIZATION_VERSION, telephoneAuthorizationScript } from './telephone-authorization.js';
export type { TelephoneAuthorizationFacts, TelephoneScriptLanguage } from './telephone-authorization.js';
