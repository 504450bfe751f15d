import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { findSession, touchSession, type Session } from '../accounts/sessions.js';
import type { PracticeConfig } from '../practices/practices.js';
import type { PayerContext, PaymentContext } from '../payments/payments.js';
import type { ProcessorGateway } from '../processor/port.js';
import { addressKey } from '../security/secret.js';
import { clientAddress, originAllowed, type ApiDeps, type AppEnv } from './context.js';
import { documented, problem } from './openapi.js';
import { ApiProblem } from './problem.js';

/** What a route behind `requireSession` finds on the request: the session, its practice, and the request's moment. */
export type SessionEnv = {
  Variables: AppEnv['Variables'] & { readonly session: Session; readonly practice: PracticeConfig; readonly now: Date };
};

export const sessionExpired = () =>
  new ApiProblem(401, 'session_expired', 'Your session has ended. Look up your bill again to continue.', [], {
    'WWW-Authenticate': 'Bearer',
  });

/**
 * Middleware: the session a request carries, in `Authorization: Bearer` and nowhere else (a
 * cookie would be sent by the browser on its own (CSRF), a URL ends up in logs and histories),
 * put on the request with its practice and the request's moment. A request from an origin the
 * session's practice does not allow is refused before it refreshes the session.
 */
export function requireSession(deps: ApiDeps) {
  const middleware = createMiddleware<SessionEnv>(async (c, next) => {
    const now = deps.now();
    const match = /^Bearer +(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
    const session = match?.[1] ? await findSession(deps.database.db, match[1], now) : undefined;
    if (!session) throw sessionExpired();
    const practice = deps.practices.get(session.practiceId);
    if (!practice || !originAllowed(c, practice)) {
      throw new ApiProblem(403, 'origin_not_allowed', 'This website is not allowed to use this practice’s billing.');
    }
    await touchSession(deps.database.db, session, now);
    c.set('session', session);
    c.set('practice', practice);
    c.set('now', now);
    await next();
  });
  return documented(middleware, {
    security: [{ bearer: [] }],
    responses: {
      '401': problem('`session_expired`: no session, or it was revoked or idle for 15 minutes'),
      '403': problem("`origin_not_allowed`: the page's origin is not allowed by the session's practice"),
    },
  });
}

/** What `requireSession` put on a request, whatever the route's other middleware adds beside it. */
const sessionOf = <E extends SessionEnv>(c: Context<E>) => c.var as SessionEnv['Variables'];

/**
 * Who is paying, as this server saw them, when the patient is present: kept with a bank debit's
 * authorization (Nacha proof), and card-testing limits count by the session and by the address
 * (as a keyed hash).
 */
export function payerOf<E extends SessionEnv>(c: Context<E>, deps: ApiDeps): PayerContext {
  const ipAddress = clientAddress(c, deps.trustProxy);
  const { session } = sessionOf(c);
  return { ipAddress, userAgent: c.req.header('user-agent'), sessionId: session.id, clientHash: addressKey(deps.secret, ipAddress) };
}

/** A payment made in a request of the session: the patient is present. */
export function paymentContext<E extends SessionEnv>(c: Context<E>, deps: ApiDeps, gateway: ProcessorGateway): PaymentContext {
  const { session, practice, now } = sessionOf(c);
  return { db: deps.database.db, gateway, practice, accountId: session.accountId, now, payer: payerOf(c, deps), logger: deps.logger, requestId: c.get('requestId') };
}
