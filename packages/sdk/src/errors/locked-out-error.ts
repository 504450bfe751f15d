import { BillPayError } from './billpay-error.js';

/** Too many failed lookups for this bill (or from this address): wait until `retryAt`. */
export class LockedOutError extends BillPayError {
  override readonly name = 'LockedOutError';
  readonly retryAt: Date;

  constructor(retryAt: Date, message = 'Too many attempts. Try again later.') {
    super('locked_out', message);
    this.retryAt = retryAt;
  }
}

export function isLockedOutError(error: unknown): error is LockedOutError {
  return error instanceof LockedOutError || (error as { name?: unknown } | null)?.name === 'LockedOutError';
}
