import type { Hono } from 'hono';
import { requireScope, type ApiKeyEnv } from '../http/api-key.js';
import type { ApiDeps } from '../http/context.js';
import { ApiProblem } from '../http/problem.js';
import { pdfFileName, statementPrinter } from './paper.js';

/**
 * `GET /admin/v1/statements/{id}/pdf` (scope `read`): the paper statement, a US Letter PDF in the
 * patient's language. `{id}` is the practice's own statement id (from its imports) or billpay's;
 * another practice's statement is a 404, exactly like one that does not exist.
 */
export function mountStatementRoutes(admin: Hono<ApiKeyEnv>, deps: ApiDeps): void {
  admin.get('/statements/:id/pdf', requireScope('read'), async (c) => {
    const id = c.req.param('id');
    const pdf = await statementPrinter(deps.database.db, c.var.practice).print(id);
    if (!pdf) throw new ApiProblem(404, 'statement_not_found', 'There is no such statement at this practice.');
    return c.body(new Uint8Array(pdf), 200, { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="${pdfFileName(id)}"` });
  });
}
