import { BillPayError } from './billpay-error.js';

/** The API could not be reached, or it did not answer in time. */
export class NetworkError extends BillPayError {
  override readonly name = 'NetworkError';

  constructor(message = 'The billing service could not be reached.', options?: { cause?: unknown }) {
    super('network', message, options);
  }
}

export function isNetworkError(error: unknown): error is NetworkError {
  return error instanceof NetworkError || (error as { name?: unknown } | null)?.name === 'NetworkError';
}
