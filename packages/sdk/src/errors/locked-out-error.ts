import { BillPayError, type ErrorContext } from './billpay-error.js';

/**
 * Too many failed lookups for this bill (or from this address): wait until `retryAt`. When the
 * bill is locked (not the address), `stepUp` says what else the patient can give to get through
 * now: `amount_due`, the amount due on their statement (`lookup({ ..., amountDueCents })`).
 */
export class LockedOutError extends BillPayError {
  override readonly name = 'LockedOutError';
  declare readonly code: 'locked_out';
  readonly retryAt: Date;
  readonly stepUp: 'amount_due' | undefined;

  constructor(retryAt: Date, message = 'Too many failed lookups: locked until retryAt.', stepUp?: 'amount_due', context: ErrorContext = {}) {
    super('locked_out', message, context);
    this.retryAt = retryAt;
    this.stepUp = stepUp;
  }
}

export function isLockedOutError(error: unknown): error is LockedOutError {
  return error instanceof LockedOutError || (error as { name?: unknown } | null)?.name === 'LockedOutError';
}
