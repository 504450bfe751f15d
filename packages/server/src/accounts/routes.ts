import { AccountSchema, StatementSchema } from '@billpay/sdk';
import type { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { recordAudit } from '../security/audit.js';
import { accountView, statementView } from './accounts.js';
import { revokeSession } from './sessions.js';
import type { ApiDeps, AppEnv } from '../http/context.js';
import { json, problem } from '../http/openapi.js';
import { ApiProblem } from '../http/problem.js';
import { requireSession, sessionExpired } from '../http/session.js';

/** `GET /v1/account`, `GET /v1/statements/:statementId` and `DELETE /v1/session`, all scoped to a session. */
export function mountAccount(app: Hono<AppEnv>, deps: ApiDeps): void {
  const { db } = deps.database;
  const withSession = requireSession(deps);

  app.get('/v1/account', withSession, describeRoute({
    operationId: 'getAccount',
    summary: 'The account the session is scoped to: balance, aging, next step, statements, fees, payments',
    responses: { '200': { description: 'The account', content: json(AccountSchema) } },
  }), async (c) => {
    const { session, practice, now } = c.var;
    const account = await accountView(db, session.accountId, practice, now);
    if (!account) throw sessionExpired();
    await recordAudit(db, { at: now, practiceId: session.practiceId, accountId: session.accountId, action: 'account_viewed', requestId: c.get('requestId') });
    return c.json(account);
  });

  app.get('/v1/statements/:statementId', withSession, describeRoute({
    operationId: 'getStatement',
    summary: "One statement of the session's account, itemized",
    responses: {
      '200': { description: 'The statement', content: json(StatementSchema) },
      '404': problem("`statement_not_found`: no such statement on the session's account"),
    },
  }), async (c) => {
    const { session, practice, now } = c.var;
    const statement = await statementView(db, session.accountId, c.req.param('statementId'), practice);
    if (!statement) throw new ApiProblem(404, 'statement_not_found', 'There is no such statement on this account.');
    await recordAudit(db, { at: now, practiceId: session.practiceId, accountId: session.accountId, action: 'statement_viewed', requestId: c.get('requestId') });
    return c.json(statement);
  });

  app.delete('/v1/session', withSession, describeRoute({
    operationId: 'signOut',
    summary: 'End the session',
    responses: { '204': { description: 'The session is revoked' } },
  }), async (c) => {
    const { session, now } = c.var;
    await revokeSession(db, session, now);
    await recordAudit(db, { at: now, practiceId: session.practiceId, accountId: session.accountId, action: 'session_revoked', requestId: c.get('requestId') });
    return c.body(null, 204);
  });
}
