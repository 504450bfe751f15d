import { BillPayError, type ErrorContext } from './billpay-error.js';

/**
 * The session ended (15 minutes idle, signed out, or revoked): look the bill up again. A
 * `NoSessionError`, its subclass, says there never was one on this connection.
 */
export class SessionExpiredError extends BillPayError {
  override readonly name: string = 'SessionExpiredError';
  declare readonly code: 'session_expired' | 'no_session';

  constructor(message = 'The session has ended (15 minutes idle, signed out, or revoked): call lookup() again.', context: ErrorContext = {}, code: 'session_expired' | 'no_session' = 'session_expired') {
    super(code, message, context);
  }
}

/**
 * A call that needs a session was made on a connection that has none: no `lookup()` succeeded on
 * it yet, or it was signed out. A programming error to fix, not something to tell a patient;
 * it is a `SessionExpiredError` so that code handling that (find the bill again) still works.
 */
export class NoSessionError extends SessionExpiredError {
  override readonly name = 'NoSessionError';
  declare readonly code: 'no_session';

  constructor(message = 'This connection has no session: call lookup() first (and share its connection), or it was signed out.') {
    super(message, {}, 'no_session');
  }
}

export function isSessionExpiredError(error: unknown): error is SessionExpiredError {
  return error instanceof SessionExpiredError || ['SessionExpiredError', 'NoSessionError'].includes(String((error as { name?: unknown } | null)?.name));
}
