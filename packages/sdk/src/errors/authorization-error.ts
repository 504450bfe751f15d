import { BillPayError, type ErrorContext } from './billpay-error.js';

/**
 * A bank-account payment needs the patient's Nacha debit authorization: the exact text shown on
 * screen and when it was accepted. `code` is `authorization_required` when none was sent, or
 * `authorization_invalid` when it was empty or its `acceptedAt` was not a sane recent time; show
 * the authorization again and ask the patient to accept it. `param` names the field at fault
 * (`authorization`, `authorization.text` or `authorization.acceptedAt`).
 */
export class AuthorizationRequiredError extends BillPayError {
  override readonly name = 'AuthorizationRequiredError';
  declare readonly code: 'authorization_required' | 'authorization_invalid';
  readonly param: string | undefined;

  constructor(code: 'authorization_required' | 'authorization_invalid', message: string, param?: string, context: ErrorContext = {}) {
    super(code, message, context);
    this.param = param;
  }
}

export function isAuthorizationRequiredError(error: unknown): error is AuthorizationRequiredError {
  return error instanceof AuthorizationRequiredError || (error as { name?: unknown } | null)?.name === 'AuthorizationRequiredError';
}
