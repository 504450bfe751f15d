import type { ApiIssue } from '../schemas.js';
import type { ApiErrorCode } from './api-error-codes.js';
import { BillPayError, type ErrorContext } from './billpay-error.js';

/**
 * The API refused the request with a structured error (a 4xx, or a 5xx it reported); `http_error`
 * when the answer had no structured body (a proxy's page, say).
 */
export class ApiError extends BillPayError {
  override readonly name = 'ApiError';
  declare readonly code: ApiErrorCode;
  declare readonly status: number;
  /** The code as the server sent it (the same as `code` unless this SDK does not know it). */
  readonly serverCode: string;
  readonly issues: readonly ApiIssue[];
  readonly retryAfterSeconds: number | undefined;
  /** The request field the refusal is about, when the server names one. */
  readonly param: string | undefined;

  constructor(
    status: number,
    code: ApiErrorCode,
    message: string,
    issues: readonly ApiIssue[] = [],
    retryAfterSeconds?: number,
    param?: string,
    context: Omit<ErrorContext, 'status'> & { readonly serverCode?: string | undefined } = {},
  ) {
    super(code, message, { ...context, status });
    this.serverCode = context.serverCode ?? code;
    this.issues = issues;
    this.retryAfterSeconds = retryAfterSeconds;
    this.param = param;
  }
}

export type { ApiErrorCode } from './api-error-codes.js';

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError || (error as { name?: unknown } | null)?.name === 'ApiError';
}
