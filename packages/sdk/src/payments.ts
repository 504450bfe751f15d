/**
 * `@billpay/sdk/payments`: tokenize a card, bank account or wallet at the processor, pay with the
 * token, read a receipt; the card and bank checks a payment form makes.
 * @module
 */
export { createPayment, getPayment } from './api/payments.js';
export type { PayInput } from './api/payments.js';
export { tokenizeBank, tokenizeCard, tokenizeWallet } from './api/tokens.js';
export { luhnCheckDigit, luhnValid } from './luhn.js';
export { cardBrand, cardDigits, checkCardCvc, checkCardExpiry, checkCardNumber, cvcLengthFor, formatCardNumber } from './card.js';
export type { CardBrand, CardCvcIssueCode, CardExpiryIssueCode, CardNumberIssueCode } from './card.js';
export { checkBankAccountNumber, checkRoutingNumber, routingNumberValid } from './bank.js';
export type { AccountNumberIssueCode, RoutingIssueCode } from './bank.js';
export * from './token-schemas.js';
export { PaymentMethodKindSchema, PaymentStatusSchema, PaymentSummarySchema } from './account-schemas.js';
export {
  DebitAuthorizationSchema,
  MIN_PAYMENT_CENTS,
  PaymentDeclineCodeSchema,
  PaymentMethodSchema,
  PaymentRequestSchema,
  PaymentSchema,
} from './payment-schemas.js';
export type { PaymentMethodKind, PaymentSummary } from './account-schemas.js';
export type {
  DebitAuthorization,
  Payment,
  PaymentDeclineCode,
  PaymentMethod,
  PaymentRequest,
  PaymentStatus,
} from './payment-schemas.js';
export * from './errors/authorization-error.js';
export * from './errors/tokenization-error.js';
export * from './errors/payment-errors.js';
