import type { Context, Hono } from 'hono';
import { recordAudit } from '../security/audit.js';
import { accountView, statementView } from './accounts.js';
import { findSession, revokeSession, touchSession, type Session } from './sessions.js';
import { originAllowed, requirePractice, type ApiDeps, type AppEnv } from '../http/context.js';
import { ApiProblem } from '../http/problem.js';

const sessionExpired = () =>
  new ApiProblem(401, 'session_expired', 'Your session has ended. Look up your bill again to continue.', [], {
    'WWW-Authenticate': 'Bearer',
  });

/**
 * The session a request carries, in `Authorization: Bearer` and nowhere else: a cookie would be
 * sent by the browser on its own (CSRF), a URL ends up in logs and histories. A request from an
 * origin the session's practice does not allow is refused before it refreshes the session.
 */
export async function requireSession(c: Context<AppEnv>, deps: ApiDeps, now: Date): Promise<Session> {
  const match = /^Bearer +(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
  const session = match?.[1] ? await findSession(deps.database.db, match[1], now) : undefined;
  if (!session) throw sessionExpired();
  const practice = deps.practices.get(session.practiceId);
  if (!practice || !originAllowed(c, practice)) {
    throw new ApiProblem(403, 'origin_not_allowed', 'This website is not allowed to use this practice’s billing.');
  }
  await touchSession(deps.database.db, session, now);
  return session;
}

/** `GET /v1/account`, `GET /v1/statements/:id` and `DELETE /v1/session`, all scoped to a session. */
export function mountAccount(app: Hono<AppEnv>, deps: ApiDeps): void {
  const { db } = deps.database;

  app.get('/v1/account', async (c) => {
    const now = deps.now();
    const session = await requireSession(c, deps, now);
    const practice = requirePractice(deps.practices, session.practiceId);
    const account = await accountView(db, session.accountId, practice, now);
    if (!account) throw sessionExpired();
    await recordAudit(db, { at: now, practiceId: session.practiceId, accountId: session.accountId, action: 'account_viewed', requestId: c.get('requestId') });
    return c.json(account);
  });

  app.get('/v1/statements/:id', async (c) => {
    const now = deps.now();
    const session = await requireSession(c, deps, now);
    const practice = requirePractice(deps.practices, session.practiceId);
    const statement = await statementView(db, session.accountId, c.req.param('id'), practice);
    if (!statement) throw new ApiProblem(404, 'statement_not_found', 'There is no such statement on this account.');
    await recordAudit(db, { at: now, practiceId: session.practiceId, accountId: session.accountId, action: 'statement_viewed', requestId: c.get('requestId') });
    return c.json(statement);
  });

  app.delete('/v1/session', async (c) => {
    const now = deps.now();
    const session = await requireSession(c, deps, now);
    await revokeSession(db, session, now);
    await recordAudit(db, { at: now, practiceId: session.practiceId, accountId: session.accountId, action: 'session_revoked', requestId: c.get('requestId') });
    return c.body(null, 204);
  });
}
