import { BillPayError } from './billpay-error.js';

/** The session ended (15 minutes idle, signed out, or revoked): look the bill up again. */
export class SessionExpiredError extends BillPayError {
  override readonly name = 'SessionExpiredError';

  constructor(message = 'Your session has ended. Please find your bill again.') {
    super('session_expired', message);
  }
}

export function isSessionExpiredError(error: unknown): error is SessionExpiredError {
  return error instanceof SessionExpiredError || (error as { name?: unknown } | null)?.name === 'SessionExpiredError';
}
