import type { ApiErrorBody, ApiIssue } from '@billpay/sdk';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as z from 'zod/mini';
import { DomainError, type RefusalDetails, type RefusalKind } from '../domain/errors.js';
import type { UrlFault } from '../edge/input.js';

/** A refusal the client can act on: always a 4xx with a structured body, never a 500. */
export class ApiProblem extends Error {
  override readonly name = 'ApiProblem';

  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly issues: readonly ApiIssue[] = [],
    readonly headers: Readonly<Record<string, string>> = {},
    /** Fields beside code and message the client acts on (retryAt, declineCode, amount bounds). */
    readonly details: ProblemDetails = {},
  ) {
    super(message);
  }
}

/** The optional fields of the error body, as `ApiErrorBodySchema` defines them. */
export type ProblemDetails = RefusalDetails;

const STATUS_OF_KIND: Readonly<Record<RefusalKind, ContentfulStatusCode>> = {
  invalid: 400,
  unauthenticated: 401,
  payment_required: 402,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
};

/** The one place a domain refusal becomes an HTTP answer: its kind's status, its code, its details. */
export function problemOf(error: DomainError): ApiProblem {
  const headers: Record<string, string> = error.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(error.retryAfterSeconds) };
  return new ApiProblem(STATUS_OF_KIND[error.kind], error.code, error.message, error.issues, headers, error.details);
}

export function problemBody(
  code: string,
  message: string,
  issues: readonly ApiIssue[] = [],
  requestId?: string,
  details: ProblemDetails = {},
): ApiErrorBody {
  return {
    error: {
      code,
      message,
      ...(issues.length ? { issues: [...issues] } : {}),
      ...details,
      ...(requestId ? { requestId } : {}),
    },
  };
}

/** The 400 for a path or query string that does not decode to storable text (see `refuseBadUrls`). */
export function badUrlProblem(fault: UrlFault): ApiProblem {
  return new ApiProblem(400, 'invalid_request', `The request's ${fault === 'path' ? 'path' : 'query string'} is not valid.`, [
    { path: [], code: 'invalid_url', message: 'Percent-encoding must spell UTF-8 text, without NUL characters.' },
  ]);
}

/**
 * Zod's issues as the API's. When no branch of a union matches, the issues of the branch that
 * came closest (fewest issues) are reported, so `{ billId: 1 }` is told about its Bill ID rather
 * than about a missing account number.
 */
export function toApiIssues(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): ApiIssue[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const closest = issue.errors.reduce((best, branch) => (branch.length < best.length ? branch : best));
      return toApiIssues(closest, path);
    }
    return [{ path: path.map((key) => (typeof key === 'number' ? key : String(key))), code: issue.code, message: issue.message }];
  });
}
