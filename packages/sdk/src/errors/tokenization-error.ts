import { BillPayError, type ErrorContext } from './billpay-error.js';

/**
 * The processor refused card or bank details (`tokenization_failed`: `reason` is the processor's
 * own code, `param` the field: number, cvc, ...), or the practice takes no payments online
 * (`payments_unavailable`).
 */
export class TokenizationError extends BillPayError {
  override readonly name = 'TokenizationError';
  declare readonly code: 'tokenization_failed' | 'payments_unavailable';
  readonly reason: string;
  readonly param: string | undefined;

  constructor(reason: string, message: string, param?: string, context: ErrorContext = {}) {
    super(reason === 'payments_unavailable' ? 'payments_unavailable' : 'tokenization_failed', message, context);
    this.reason = reason;
    this.param = param;
  }
}

export function isTokenizationError(error: unknown): error is TokenizationError {
  return error instanceof TokenizationError || (error as { name?: unknown } | null)?.name === 'TokenizationError';
}
