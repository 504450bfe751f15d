import { BillPayError, type ErrorContext } from './billpay-error.js';

/** The API answered, but not with what the contract says (a version mismatch or a proxy page). */
export class InvalidResponseError extends BillPayError {
  override readonly name = 'InvalidResponseError';
  declare readonly code: 'invalid_response';
  readonly issues: readonly unknown[];

  constructor(message: string, issues: readonly unknown[] = [], context: ErrorContext = {}) {
    super('invalid_response', message, context);
    this.issues = issues;
  }
}

export function isInvalidResponseError(error: unknown): error is InvalidResponseError {
  return error instanceof InvalidResponseError || (error as { name?: unknown } | null)?.name === 'InvalidResponseError';
}
