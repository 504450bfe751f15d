import type { Hono } from 'hono';
import { requireScope, type ApiKeyEnv } from '../http/api-key.js';
import type { ApiDeps } from '../http/context.js';
import { ApiProblem } from '../http/problem.js';
import { formatOf, importStatements } from './import.js';

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
 * with its outcome and Bill ID. A file past `MAX_IMPORT_BYTES` is a 413: refused unread when its
 * Content-Length says so, or stopped where it passes the limit (statements before that point were
 * applied, each whole; importing the file again in parts changes nothing of them).
 */
export function mountImportRoutes(admin: Hono<ApiKeyEnv>, deps: ApiDeps): void {
  admin.post('/imports', requireScope('import'), async (c) => {
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
    const result = await importStatements(bounded(body, MAX_IMPORT_BYTES), { db: deps.database.db, practice: c.var.practice, format, dryRun: dryRunParam === 'true', now: c.var.now, logger: deps.logger });
    return c.json(result);
  });
}
