import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AuditAction } from '../db/schema.js';
import { clientAddress, type ApiDeps, type AppEnv } from '../http/context.js';
import { ApiProblem } from '../http/problem.js';
import type { PracticeConfig } from '../practices/practices.js';
import { recordAudit } from '../security/audit.js';
import { addressKey } from '../security/secret.js';
import { CSRF_HEADER, csrfMatches, findStaffSession, readSessionCookie, type StaffSession } from './sessions.js';

/** What a console route behind `requireStaff` finds on the request. */
export type StaffEnv = {
  Variables: AppEnv['Variables'] & { readonly staffSession: StaffSession; readonly practice: PracticeConfig; readonly now: Date };
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const staffSessionRequired = () => new ApiProblem(401, 'staff_session_required', 'Sign in to the console to continue.');
const crossOrigin = () => new ApiProblem(403, 'origin_not_allowed', 'Only the console’s own pages may use a staff session.');
const csrfRefused = () => new ApiProblem(403, 'csrf_token_invalid', `Send the session's CSRF token in ${CSRF_HEADER}.`);

/**
 * Whether a request comes from the console's own pages, as far as the browser says: an Origin
 * header, when sent, is the console's origin; Sec-Fetch-Site, when sent, is `same-origin`. With
 * the cookie's SameSite=Strict this keeps every other site out, even one on a sibling subdomain.
 */
export function fromConsole(c: { readonly req: { header(name: string): string | undefined } }, consoleOrigin: string): boolean {
  const origin = c.req.header('origin');
  const site = c.req.header('sec-fetch-site');
  return (origin === undefined || origin === consoleOrigin) && (site === undefined || site === 'same-origin');
}

/**
 * The staff session of a request, from its cookie: the request is the console's own (above), the
 * session live (15 minutes idle, 12 hours absolute, staff not disabled), its practice served
 * here, and a state-changing request carries the session's CSRF token. 401 without a session,
 * 403 otherwise.
 */
export async function staffSessionOf(c: Context, deps: ApiDeps, now: Date): Promise<{ session: StaffSession; practice: PracticeConfig }> {
  if (!fromConsole(c, deps.staff.rp.origin)) throw crossOrigin();
  const token = readSessionCookie(c, deps.staff.cookie);
  const session = token ? await findStaffSession(deps.database.db, token, now) : undefined;
  const practice = session && deps.practices.get(session.practiceId);
  if (!session || !practice) throw staffSessionRequired();
  if (!SAFE_METHODS.has(c.req.method) && !csrfMatches(deps.secret, session, c.req.header(CSRF_HEADER))) throw csrfRefused();
  return { session, practice };
}

/** Middleware of the console's signed-in routes. */
export function requireStaff(deps: ApiDeps) {
  return createMiddleware<StaffEnv>(async (c, next) => {
    const now = deps.now();
    const { session, practice } = await staffSessionOf(c, deps, now);
    c.set('staffSession', session);
    c.set('practice', practice);
    c.set('now', now);
    await next();
  });
}

/** One staff action in the audit trail: who (staff id), what, when, and from where (a keyed hash of the address). */
export function auditStaff(c: Context, deps: ApiDeps, event: { at: Date; practiceId: string | null; staffId: string | null; action: AuditAction; detail?: string }): Promise<void> {
  return recordAudit(deps.database.db, {
    at: event.at,
    practiceId: event.practiceId,
    staffId: event.staffId,
    action: event.action,
    clientHash: addressKey(deps.secret, clientAddress(c, deps.trustProxy)),
    requestId: c.get('requestId'),
    detail: event.detail ?? null,
  });
}
