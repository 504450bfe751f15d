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
export {
  BankAccountTypeSchema,
  BankTokenRequestSchema,
  BankTokenSchema,
  CardBrandSchema,
  CardTokenRequestSchema,
  CardTokenSchema,
  TokenCardSchema,
  WalletSchema,
  WalletTokenRequestSchema,
} from './token-schemas.js';
export type { BankAccountType, BankToken, BankTokenRequest, CardToken, CardTokenRequest, Wallet, WalletTokenRequest } from './token-schemas.js';
export { DebitAuthorizationSchema, MIN_PAYMENT_CENTS, PaymentRequestSchema, PaymentSchema } from './schemas.js';
export type { DebitAuthorization, Payment, PaymentDeclineCode, PaymentMethod, PaymentRequest, PaymentStatus } from './schemas.js';
export { AuthorizationRequiredError, isAuthorizationRequiredError } from './errors/authorization-error.js';
export { TokenizationError, isTokenizationError } from './errors/tokenization-error.js';
export {
  AmountNotAllowedError,
  CardExpiredError,
  InsufficientFundsError,
  PaymentDeclinedError,
  isAmountNotAllowedError,
  isPaymentDeclinedError,
} from './errors/payment-errors.js';
