import type { PaymentDeclineCode } from '../payment-schemas.js';
import { BillPayError, type ErrorContext } from './billpay-error.js';

/** The processor refused the payment; `reason` says why in a code the elements explain. */
export class PaymentDeclinedError extends BillPayError {
  override readonly name: string = 'PaymentDeclinedError';
  declare readonly code: 'payment_declined';
  readonly reason: PaymentDeclineCode;
  readonly paymentId: string | undefined;

  constructor(reason: PaymentDeclineCode, message = 'The payment was declined.', paymentId?: string, context: ErrorContext = {}) {
    super('payment_declined', message, context);
    this.reason = reason;
    this.paymentId = paymentId;
  }
}

/** A decline because the card has expired. */
export class CardExpiredError extends PaymentDeclinedError {
  override readonly name = 'CardExpiredError';

  constructor(message = 'The card has expired.', paymentId?: string, context: ErrorContext = {}) {
    super('expired_card', message, paymentId, context);
  }
}

/** A decline (or a returned bank debit) for insufficient funds. */
export class InsufficientFundsError extends PaymentDeclinedError {
  override readonly name = 'InsufficientFundsError';

  constructor(message = 'There were not enough funds.', paymentId?: string, context: ErrorContext = {}) {
    super('insufficient_funds', message, paymentId, context);
  }
}

/** The amount is below $1.00 or above what is owed. */
export class AmountNotAllowedError extends BillPayError {
  override readonly name = 'AmountNotAllowedError';
  declare readonly code: 'amount_not_allowed';
  readonly minimumCents: number | undefined;
  readonly maximumCents: number | undefined;

  constructor(message: string, minimumCents?: number, maximumCents?: number, context: ErrorContext = {}) {
    super('amount_not_allowed', message, context);
    this.minimumCents = minimumCents;
    this.maximumCents = maximumCents;
  }
}

const named = (error: unknown, ...names: string[]) => names.includes(String((error as { name?: unknown } | null)?.name));

export function isPaymentDeclinedError(error: unknown): error is PaymentDeclinedError {
  return error instanceof PaymentDeclinedError || named(error, 'PaymentDeclinedError', 'CardExpiredError', 'InsufficientFundsError');
}

export function isAmountNotAllowedError(error: unknown): error is AmountNotAllowedError {
  return error instanceof AmountNotAllowedError || named(error, 'AmountNotAllowedError');
}
