import type { ApiIssue } from '../schemas.js';
import { BillPayError } from './billpay-error.js';

/** The API refused the request with a structured error (a 4xx, or a 5xx it reported). */
export class ApiError extends BillPayError {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly issues: readonly ApiIssue[];
  readonly retryAfterSeconds: number | undefined;
  /** The request field the refusal is about, when the server names one. */
  readonly param: string | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    issues: readonly ApiIssue[] = [],
    retryAfterSeconds?: number,
    param?: string,
  ) {
    super(code, message);
    this.status = status;
    this.issues = issues;
    this.retryAfterSeconds = retryAfterSeconds;
    this.param = param;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError || (error as { name?: unknown } | null)?.name === 'ApiError';
}
