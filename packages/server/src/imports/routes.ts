import { ImportRunDetailSchema, ImportRunListSchema } from '@billpay/sdk/admin-integration';
import type { Hono } from 'hono';
import * as z from 'zod/mini';
import { describeRoute } from 'hono-openapi';
import { ImportResultSchema } from '../admin/answer-schemas.js';
import { requireScope, type ApiKeyEnv } from '../http/api-key.js';
import type { ApiDeps } from '../http/context.js';
import { json, problem } from '../http/openapi.js';
import { ApiProblem } from '../http/problem.js';
import { queryOf } from '../http/request.js';
import { formatOf, importStatements } from './import.js';
import { getImportRun, IMPORT_OUTCOMES, listImportRuns, recordImportRun } from './runs.js';

/** Our import ids are 36 characters; anything longer is no import of ours. */
const MAX_ID = 64;
const IdSchema = z.string().check(z.minLength(1), z.maxLength(MAX_ID));
const ListQuerySchema = z.object({
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100))),
  before: z.optional(IdSchema),
});
const RunQuerySchema = z.object({
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(500))),
  after: z.optional(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(1_000_000))),
  outcome: z.optional(z.enum(IMPORT_OUTCOMES)),
});

/** The practice API's import route, which takes bodies past the app's small-body limit. */
export const IMPORT_PATH = '/admin/v1/imports';

/** The largest import file taken over HTTP: 256 MiB (larger statement runs go in parts, or through `billpay import`). */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

const tooLarge = () => new ApiProblem(413, 'payload_too_large', `An import file may be at most ${MAX_IMPORT_BYTES / 1024 / 1024} MiB; send the statement run in parts.`, [], { connection: 'close' });

/** The request body as it arrives, refused with a 413 once it passes `limit` bytes. */
async function* bounded(body: ReadableStream<Uint8Array>, limit: number): AsyncGenerator<Uint8Array> {
  let read = 0;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
      if (read > limit) throw tooLarge();
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/**
 * `POST /admin/v1/imports` (scope `import`): a statement run as CSV (`Content-Type: text/csv`) or
 * JSON Lines (`application/x-ndjson`), read and applied as it streams in, a batch of statements at
 * a time (each with the outcome it would have alone); `?dryRun=true` checks everything and writes nothing. The answer lists every statement
 * with its outcome and Bill ID, and the import's `id`: what it did is kept (without the Bill IDs),
 * for `GET /admin/v1/imports` and `GET /admin/v1/imports/{id}` (scope `import` too). A file past `MAX_IMPORT_BYTES` is a 413: refused unread when its
 * Content-Length says so, or stopped where it passes the limit (statements before that point were
 * applied, each whole; importing the file again in parts changes nothing of them).
 */
export function mountImportRoutes(admin: Hono<ApiKeyEnv>, deps: ApiDeps): void {
  admin.post('/imports', requireScope('import'), describeRoute({
    operationId: 'importStatements',
    summary: 'Bills in: a statement run as CSV or JSON Lines, applied as it streams in; `?dryRun=true` checks and writes nothing',
    parameters: [{ name: 'dryRun', in: 'query', required: false, description: 'Check every statement, write nothing', schema: { type: 'string', enum: ['true', 'false'] } }],
    requestBody: { required: true, content: { 'text/csv': { schema: { type: 'string' } }, 'application/x-ndjson': { schema: { type: 'string' } } } },
    responses: {
      '200': { description: "Every statement's outcome and Bill ID (a rejected one with its issues)", content: json(ImportResultSchema) },
      '400': problem('`invalid_request`: an empty body, or `dryRun` not true or false'),
      '413': problem(`\`payload_too_large\`: more than ${MAX_IMPORT_BYTES / 1024 / 1024} MiB`),
      '415': problem('`unsupported_media_type`: neither text/csv nor application/x-ndjson'),
    },
  }), async (c) => {
    const format = formatOf(c.req.header('content-type') ?? '');
    if (!format) throw new ApiProblem(415, 'unsupported_media_type', 'Send the import as CSV (Content-Type: text/csv) or JSON Lines (Content-Type: application/x-ndjson).');
    const dryRunParam = c.req.query('dryRun');
    if (dryRunParam !== undefined && dryRunParam !== 'true' && dryRunParam !== 'false') {
      throw new ApiProblem(400, 'invalid_request', 'dryRun is true or false.', [{ path: ['dryRun'], code: 'invalid_value', message: 'expected true or false' }]);
    }
    const declared = Number(c.req.header('content-length') ?? '0');
    if (declared > MAX_IMPORT_BYTES) throw tooLarge();
    const body = c.req.raw.body;
    if (!body) throw new ApiProblem(400, 'invalid_request', 'The import file is empty.');
    const { practice, now, caller } = c.var;
    const result = await importStatements(bounded(body, MAX_IMPORT_BYTES), { db: deps.database.db, practice, format, dryRun: dryRunParam === 'true', now, logger: deps.logger });
    const id = await recordImportRun(deps.database.db, { practiceId: practice.id, format, source: 'api', apiKeyId: caller.keyId, staffId: caller.staffId, now }, result);
    c.set('auditDetail', id);
    return c.json({ id, ...result });
  });

  // What each import did, kept: newest first, and one with its statements' outcomes and issues.
  admin.get('/imports', requireScope('import'), queryOf(ListQuerySchema, 'Give limit from 1 to 100, and before as an import id.'), describeRoute({
    operationId: 'listImports',
    summary: 'What each import did, newest first: its counts by outcome, who sent it and when (`limit`, 20 unless given; `before`: the last import read)',
    responses: {
      '200': { description: 'A page of imports', content: json(ImportRunListSchema) },
      '400': problem('`invalid_request`: `limit` is not from 1 to 100, or `before` is not an import id'),
      '404': problem('`import_not_found`: `before` names no import of this practice'),
    },
  }), async (c) => {
    const { limit, before } = c.req.valid('query');
    return c.json(await listImportRuns(deps.database.db, c.var.practice.id, limit ?? 20, before));
  });
  admin.get('/imports/:id', requireScope('import'), queryOf(RunQuerySchema, 'Give limit from 1 to 500, after as a statement position, and outcome as created, corrected, unchanged or rejected.'), describeRoute({
    operationId: 'getImport',
    summary: "An import, and a page of its statements in file order with each one's outcome and issues (`limit`, 100 unless given; `after`: the last position read; `outcome`)",
    responses: {
      '200': { description: 'The import and a page of its statements', content: json(ImportRunDetailSchema) },
      '400': problem(`\`invalid_request\`: \`limit\` is not from 1 to 500, \`after\` not a position, or \`outcome\` not one of ${IMPORT_OUTCOMES.map((outcome) => `\`${outcome}\``).join(', ')}`),
      '404': problem('`import_not_found`'),
    },
  }), async (c) => {
    const id = c.req.param('id');
    if (id.length > MAX_ID) throw new ApiProblem(404, 'import_not_found', 'There is no such import at this practice.');
    const { limit, after, outcome } = c.req.valid('query');
    return c.json(await getImportRun(deps.database.db, c.var.practice.id, id, { limit: limit ?? 100, after, outcome }));
  });
}
