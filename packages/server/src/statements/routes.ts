import type { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { requireScope, type ApiKeyEnv } from '../http/api-key.js';
import type { ApiDeps } from '../http/context.js';
import { problem } from '../http/openapi.js';
import { ApiProblem } from '../http/problem.js';
import { pdfFileName, statementPrinter } from './paper.js';

/**
 * `GET /admin/v1/statements/{id}/pdf` (scope `read`): the paper statement, a US Letter PDF in the
 * patient's language. `{id}` is the practice's own statement id (from its imports) or billpay's;
 * another practice's statement is a 404, exactly like one that does not exist.
 */
export function mountStatementRoutes(admin: Hono<ApiKeyEnv>, deps: ApiDeps): void {
  admin.get('/statements/:id/pdf', requireScope('read'), describeRoute({
    operationId: 'getStatementPdf',
    summary: "The paper statement, a US Letter PDF in the patient's language; `{id}` is the practice's statement id from its imports, or billpay's",
    responses: { '200': { description: 'The statement', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } }, '404': problem('`statement_not_found`') },
  }), async (c) => {
    const id = c.req.param('id');
    const pdf = await statementPrinter(deps.database.db, c.var.practice).print(id);
    if (!pdf) throw new ApiProblem(404, 'statement_not_found', 'There is no such statement at this practice.');
    return c.body(new Uint8Array(pdf), 200, { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="${pdfFileName(id)}"` });
  });
}
