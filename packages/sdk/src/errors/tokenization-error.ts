import { BillPayError } from './billpay-error.js';

/** The processor refused card or bank details; `param` names the field (number, cvc, ...). */
export class TokenizationError extends BillPayError {
  override readonly name = 'TokenizationError';
  readonly param: string | undefined;

  constructor(code: string, message: string, param?: string) {
    super(code, message);
    this.param = param;
  }
}

export function isTokenizationError(error: unknown): error is TokenizationError {
  return error instanceof TokenizationError || (error as { name?: unknown } | null)?.name === 'TokenizationError';
}
