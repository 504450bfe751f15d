import type { Context, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { DescribeRouteOptions } from 'hono-openapi';
import { routePath } from 'hono/route';
import { DomainError } from '../domain/errors.js';
import type { RateLimiter } from '../edge/rate-limit.js';
import { authenticateApiKey, type ApiKeyScope } from '../keys/keys.js';
import type { PracticeConfig } from '../practices/practices.js';
import { recordAudit } from '../security/audit.js';
import { addressKey } from '../security/secret.js';
import { staffSessionOf } from '../staff/access.js';
import { scopesOf, STAFF_ROLES, type StaffRole } from '../staff/roles.js';
import { readSessionCookie } from '../staff/sessions.js';
import { clientAddress, type ApiDeps, type AppEnv } from './context.js';
import { documented, problem } from './openapi.js';
import { ApiProblem, problemOf } from './problem.js';

/** Who calls the practice API: a key, or a member of staff signed in to the console; and what they may do. */
export interface PracticeCaller {
  readonly practiceId: string;
  readonly scopes: readonly ApiKeyScope[];
  readonly keyId: string | null;
  readonly staffId: string | null;
  /** The member of staff's role (none for a key): what only an admin may do (keys, the practice's settings). */
  readonly staffRole: StaffRole | null;
}

/** What a practice API route finds on the request: the caller, its practice, the request's moment. */
export type ApiKeyEnv = {
  Variables: AppEnv['Variables'] & {
    readonly caller: PracticeCaller;
    readonly practice: PracticeConfig;
    readonly now: Date;
    /** The practice's account the call was about, once the route found it: its audit row names it, for the account's trail. */
    readonly auditAccountId: string | undefined;
    /** What the call made or changed (an import's, a key's id), when the route pattern does not say: added to its audit row. */
    readonly auditDetail: string | undefined;
  };
};

const unauthenticated = (code: string, message: string) => new ApiProblem(401, code, message, [], { 'WWW-Authenticate': 'Bearer' });

/**
 * A browser's request: it names its page's origin, or says whose site asked for it. No browser may
 * call the practice API, not even from a page the server serves: a key in a page is a key given
 * away. So there is no CORS here at all, and a preflight is refused like any other request.
 * `Sec-Fetch-Mode` alone does not count: Node's own `fetch` (undici) sends `Sec-Fetch-Mode: cors`
 * from a practice's server, where browsers always send `Sec-Fetch-Site` with it.
 */
function fromBrowser(c: Context): boolean {
  return ['origin', 'sec-fetch-site'].some((name) => c.req.header(name) !== undefined);
}

/**
 * Middleware of every `/admin/v1` route. A request with an Authorization header is a practice's
 * server: browsers are refused, then `Authorization: Bearer <key>` must name a key that is valid
 * and not revoked (401); cookies are not looked at. A request without one but with the console's
 * session cookie is a member of staff (see `staffSessionOf`: the console's own origin only, a live
 * session, the CSRF token on changes), who may do what their role's scopes allow. Otherwise a
 * browser is refused (403) and anything else asked for a key (401). Each call counts against the
 * key's (or the member of staff's) rate limit (429), and puts the caller and its practice on the
 * request. Every call, answered or refused, goes into the audit trail with the key's id or the
 * staff id (when one was named) and what was answered; a route that then refuses (a scope, a
 * payment of another practice) is audited the same.
 */
export function requireApiKey(deps: ApiDeps, limiter: RateLimiter) {
  return createMiddleware<ApiKeyEnv>(async (c, next) => {
    const now = deps.now();
    const audit = { keyId: undefined as string | undefined, staffId: undefined as string | undefined, practiceId: undefined as string | undefined };
    let refusal: ApiProblem | undefined;
    try {
      let caller: PracticeCaller;
      let practice: PracticeConfig | undefined;
      const authorization = c.req.header('authorization');
      if (authorization === undefined && readSessionCookie(c, deps.staff.cookie) !== undefined) {
        const signedIn = await staffSessionOf(c, deps, now);
        const { session } = signedIn;
        audit.staffId = session.staffId;
        audit.practiceId = session.practiceId;
        practice = signedIn.practice;
        caller = { practiceId: session.practiceId, scopes: scopesOf(session.role), keyId: null, staffId: session.staffId, staffRole: session.role };
      } else {
        if (fromBrowser(c)) throw new ApiProblem(403, 'browser_not_allowed', 'The practice API is for your servers only; browsers may not call it.');
        const presented = /^Bearer +(\S+)\s*$/i.exec(authorization ?? '')?.[1];
        if (!presented) throw unauthenticated('api_key_required', 'Send your practice API key as `Authorization: Bearer bp_live_…`.');
        const found = await authenticateApiKey(deps.database.db, presented, now);
        if (!found.ok) {
          audit.keyId = found.keyId;
          audit.practiceId = found.practiceId;
          throw found.code === 'api_key_revoked'
            ? unauthenticated('api_key_revoked', 'This API key was revoked. Make a new one with `billpay keys create`.')
            : unauthenticated('api_key_invalid', 'This is not a valid practice API key.');
        }
        audit.keyId = found.caller.keyId;
        audit.practiceId = found.caller.practiceId;
        caller = { ...found.caller, staffId: null, staffRole: null };
        practice = deps.practices.get(caller.practiceId);
        if (!practice) throw unauthenticated('api_key_invalid', 'This key’s practice is not served here.');
      }
      const wait = limiter.take(caller.keyId ?? caller.staffId!, now);
      if (wait !== undefined) {
        throw new ApiProblem(429, 'too_many_requests', 'Too many calls with this key. Wait a moment, then try again.', [], { 'Retry-After': String(wait) });
      }
      c.set('caller', caller);
      c.set('practice', practice);
      c.set('now', now);
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      refusal = error;
    }
    if (!refusal) await next();
    const status = refusal?.status ?? c.res.status;
    const code = refusal?.code ?? codeOf(c.error);
    const made = refusal ? undefined : c.get('auditDetail');
    await recordAudit(deps.database.db, {
      at: now,
      practiceId: audit.practiceId ?? null,
      accountId: refusal ? null : (c.get('auditAccountId') ?? null),
      action: status >= 400 ? 'api_call_refused' : 'api_call',
      apiKeyId: audit.keyId ?? null,
      staffId: audit.staffId ?? null,
      clientHash: addressKey(deps.secret, clientAddress(c, deps.trustProxy)),
      requestId: c.get('requestId'),
      detail: `${c.req.method} ${refusal ? '/admin/v1/*' : routePath(c)} ${status}${code ? ` ${code}` : ''}${made ? ` ${made}` : ''}`,
    });
    if (refusal) throw refusal;
  });
}

/** The code of the refusal a route answered with, for the audit trail. */
function codeOf(error: Error | undefined): string | undefined {
  if (error instanceof ApiProblem) return error.code;
  if (error instanceof DomainError) return problemOf(error).code;
  return error ? 'internal' : undefined;
}

/** A route's scope: a key without it is refused 403 (and audited by `requireApiKey`). */
export function requireScope(scope: ApiKeyScope) {
  const middleware = createMiddleware<ApiKeyEnv>(async (c, next) => {
    if (!c.var.caller.scopes.includes(scope)) {
      const who = c.var.caller.staffId ? 'Your role does not allow' : 'This key lacks';
      throw new ApiProblem(403, 'insufficient_scope', `${who} the "${scope}" scope this call needs.`);
    }
    await next();
  });
  // In the practice API's document: the scope as the operation's security, and its refusal.
  return documented(middleware, {
    security: [{ practiceKey: [scope] }, { staffSession: [scope] }],
    responses: { '403': problem(`\`insufficient_scope\`: the key (or the staff member's role) lacks the \`${scope}\` scope; \`browser_not_allowed\`: the request came from a browser`) },
  });
}

/**
 * A route for the practice's staff signed in to the console only, never a key (whatever its
 * scopes): `middleware` refuses everyone else; in the practice API's document the staff session
 * of `roles` is its one security, and `refusals` (the codes `middleware` answers 403 with) its 403.
 */
export function staffOnly<M extends MiddlewareHandler>(middleware: M, roles: readonly StaffRole[], refusals: string): M {
  return documented(middleware, {
    security: [{ staffSession: [...roles] }],
    responses: {
      '401': problem("`staff_session_required`: the session ended or is unknown; `api_key_required`, `api_key_invalid`, `api_key_revoked`: without the session cookie the request is taken for a key's", { 'WWW-Authenticate': { description: "`Bearer`, when taken for a key's", schema: { type: 'string' } } }),
      '403': problem(`${refusals}; \`origin_not_allowed\`, \`csrf_token_invalid\`: the session used from outside the console, or a change without its CSRF token; \`browser_not_allowed\`: a browser without the session`),
    },
  });
}

/**
 * Staff signed in to the console whose role holds the `refunds` scope (`admin`, `billing`): a
 * practice's key, whatever its scopes, is refused `staff_only` with `keyRefusal`; `read-only`
 * staff are refused `insufficient_scope`.
 */
export function billingStaffOnly(keyRefusal: string) {
  return staffOnly(
    createMiddleware<ApiKeyEnv>(async (c, next) => {
      const { caller } = c.var;
      if (!caller.staffId) throw new ApiProblem(403, 'staff_only', keyRefusal);
      if (!caller.scopes.includes('refunds')) throw new ApiProblem(403, 'insufficient_scope', 'Your role does not allow the "refunds" scope this call needs.');
      await next();
    }),
    STAFF_ROLES.filter((role) => scopesOf(role).includes('refunds')),
    "`staff_only`: a key, whatever its scopes; `insufficient_scope`: a member of staff whose role lacks the `refunds` scope (`read-only`)",
  );
}

/** What every practice API call may be refused with before its route runs, for the document (see `requireApiKey`). */
export const API_KEY_REFUSALS: DescribeRouteOptions = {
  responses: {
    '401': problem('`api_key_required`, `api_key_invalid`, `api_key_revoked`: no key, or not a key that is valid and not revoked', { 'WWW-Authenticate': { description: '`Bearer`', schema: { type: 'string' } } }),
    '403': problem('`browser_not_allowed`: the request came from a browser (it has an `Origin` or `Sec-Fetch-Site` header)'),
    '429': problem('`too_many_requests`: more than the key\'s calls a minute', { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } }),
  },
};
