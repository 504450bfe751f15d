import type { ApiErrorBody, ApiIssue } from '@billpay/sdk';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type * as z from 'zod/mini';

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

export function issuesFromZod(error: z.core.$ZodError): ApiIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment)),
    code: issue.code,
    message: issue.message,
  }));
}

/** Reads and validates a JSON body with a wire schema; anything wrong becomes a 400 or 415. */
export async function readJson<S extends z.ZodMiniType>(c: Context, schema: S): Promise<z.infer<S>> {
  if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '')) {
    throw new ApiProblem(415, 'unsupported_media_type', 'Send the request body as application/json.');
  }
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new ApiProblem(400, 'malformed_json', 'The request body is not valid JSON.');
  }
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new ApiProblem(400, 'invalid_request', 'Some fields are missing or invalid.', issuesFromZod(result.error));
  }
  return result.data;
}
