import { BillPayError, type ErrorContext } from './billpay-error.js';

/**
 * No bill matched. Deliberately one kind for "no such bill" and "wrong date of birth" (or
 * account number and last name), so nobody can learn which half was wrong.
 */
export class LookupFailedError extends BillPayError {
  override readonly name = 'LookupFailedError';
  declare readonly code: 'lookup_failed';

  constructor(message = 'No bill matches those details.', context: ErrorContext = {}) {
    super('lookup_failed', message, context);
  }
}

export function isLookupFailedError(error: unknown): error is LookupFailedError {
  return error instanceof LookupFailedError || (error as { name?: unknown } | null)?.name === 'LookupFailedError';
}
