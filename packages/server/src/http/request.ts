import type { Context, Env, MiddlewareHandler } from 'hono';
import { validator } from 'hono-openapi';
import * as z from 'zod/mini';
import { unstorableStringAt } from '../edge/input.js';
import { json, documented, problem } from './openapi.js';
import { ApiProblem, toApiIssues } from './problem.js';

/**
 * What a route takes, declared as middleware before its handler: each validates with a wire
 * schema of the SDK, refuses with the app's structured 400 (415 for a body that is not JSON),
 * hands the handler the parsed value through `c.req.valid(...)`, and puts the schema in the
 * OpenAPI document.
 */

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

const invalidRequest = (issues: z.core.$ZodIssue[], message = 'Some fields are missing or invalid.') =>
  new ApiProblem(400, 'invalid_request', message, toApiIssues(issues));

/**
 * The request body, as JSON of `schema` (`c.req.valid('json')`). Every way it can be wrong is a
 * 4xx with issues pointing at the fields: 415 for another content type, 400 when not JSON, when a
 * string holds what no column can keep (NUL, an unpaired surrogate), or when it is not what the
 * schema wants. Too big is a 413 that comes earlier, from the app's body limit, which also bounds
 * what is read here (chunked bodies included). Nothing of the body is echoed or logged (a JSON
 * syntax error's message quotes the input, so it is not used).
 */
export function jsonBody<S extends z.ZodMiniType>(schema: S): MiddlewareHandler<Env, string, { in: { json: z.input<S> }; out: { json: z.output<S> } }> {
  return documented(
    async (c, next) => {
      c.req.addValidatedData('json', (await readJson(c, schema)) as object);
      await next();
    },
    {
      requestBody: { required: true, content: json(schema, 'input') },
      responses: {
        '400': problem('`invalid_request`: malformed JSON, or a missing or invalid field (`issues` name each)'),
        '413': problem('`payload_too_large`'),
        '415': problem('`unsupported_media_type`: the body is not application/json'),
      },
    },
  );
}

async function readJson<S extends z.ZodMiniType>(c: Context, schema: S): Promise<z.output<S>> {
  if (!JSON_TYPE.test(c.req.header('content-type') ?? '')) {
    throw new ApiProblem(415, 'unsupported_media_type', 'Send the request body as JSON (Content-Type: application/json).');
  }
  let text: string;
  try {
    text = await c.req.text();
  } catch {
    throw new ApiProblem(400, 'invalid_request', 'The request body could not be read.');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ApiProblem(400, 'invalid_request', 'The request body is not valid JSON.', [
      { path: [], code: 'invalid_json', message: 'The request body is not valid JSON.' },
    ]);
  }
  const unstorable = unstorableStringAt(data);
  if (unstorable) {
    throw new ApiProblem(400, 'invalid_request', 'Some fields contain characters that cannot be accepted.', [
      { path: unstorable, code: 'invalid_characters', message: 'Remove NUL characters and unpaired surrogates.' },
    ]);
  }
  const result = schema.safeParse(data);
  if (!result.success) throw invalidRequest(result.error.issues);
  return result.data;
}

/**
 * The query string, as `schema` wants it (`c.req.valid('query')`; a name given twice is a list);
 * otherwise a 400 with `message` and the issues. Its parameters go in the document.
 */
export function queryOf<S extends z.ZodMiniObject>(schema: S, message?: string) {
  return validator('query', schema, (result) => {
    // zod's Standard Schema issues are its own, with their codes.
    if (!result.success) throw invalidRequest(result.error as z.core.$ZodIssue[], message);
  });
}
