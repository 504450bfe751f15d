import type { ApiErrorBody, ApiIssue } from '@billpay/sdk';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** A refusal the client can act on: always a 4xx with a structured body, never a 500. */
export class ApiProblem extends Error {
  override readonly name = 'ApiProblem';

  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly issues: readonly ApiIssue[] = [],
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

export function problemBody(code: string, message: string, issues: readonly ApiIssue[] = [], requestId?: string): ApiErrorBody {
  return {
    error: {
      code,
      message,
      ...(issues.length ? { issues: [...issues] } : {}),
      ...(requestId ? { requestId } : {}),
    },
  };
}
