import { BillPayError } from './billpay-error.js';

/** The API answered, but not with what the contract says (a version mismatch or a proxy page). */
export class InvalidResponseError extends BillPayError {
  override readonly name = 'InvalidResponseError';
  readonly issues: readonly unknown[];

  constructor(message: string, issues: readonly unknown[] = [], options?: { cause?: unknown }) {
    super('invalid_response', message, options);
    this.issues = issues;
  }
}

export function isInvalidResponseError(error: unknown): error is InvalidResponseError {
  return error instanceof InvalidResponseError || (error as { name?: unknown } | null)?.name === 'InvalidResponseError';
}
