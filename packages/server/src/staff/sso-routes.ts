import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { clientAddress, type ApiDeps, type AppEnv } from '../http/context.js';
import { auditStaff } from './access.js';
import { lockedFor, recordSignInFailure, signInGuards } from './lockout.js';
import { openStaffSession, writeSessionCookie } from './sessions.js';
import { openFlow, sealFlow, SSO_CALLBACK_PATH, SSO_FLOW_TTL_MS, SsoError, ssoClient, type SsoFailure, type SsoFlow } from './sso.js';

/** Where the console signs staff in, and shows a single sign-on's failure by its code (`?error=sso_...`). */
export const CONSOLE_SIGN_IN_PATH = '/console/sign-in';
/** Where a signed-in member of staff lands. */
export const CONSOLE_HOME_PATH = '/console/';

/** Failures that say nothing about who is trying: not counted toward the lockout. */
const UNCOUNTED: ReadonlySet<SsoFailure> = new Set(['sso_not_enabled', 'sso_unreachable', 'sso_locked']);

/**
 * Single sign-on through the practice's OpenID Connect provider (see sso.ts):
 * - `GET /console/api/sign-in/sso?practice=ID` (or `POST` of a form with `practice`), a navigation
 *   from the console's own page: sends the browser to the provider, with the flow (PKCE verifier,
 *   state, nonce, practice) sealed in a 10-minute `__Host-billpay_sso` cookie, HttpOnly and
 *   SameSite=Lax so that it comes back with the provider's redirect;
 * - `GET /console/sso/callback`, where the provider sends the browser back (outside the console
 *   API, which takes only the console's own requests): opens the staff session and goes to
 *   `/console/`.
 * Every failure goes back to `/console/sign-in?error=<code>` (a code only, see `SsoFailure`), is
 * audited, and, unless it tells nothing of the person trying, counts toward the address's lockout,
 * the count a passkey sign-in is held by: a provider's sign-in cannot be guessed at here.
 */
export function mountSso(api: Hono<AppEnv>, app: Hono<AppEnv>, deps: ApiDeps): void {
  const db = deps.database.db;
  const { rp, cookie } = deps.staff;
  const sso = ssoClient({ db, secret: deps.secret, consoleOrigin: rp.origin, development: deps.development });
  const flowCookie = { name: `${cookie.secure ? '__Host-' : ''}billpay_sso`, options: { httpOnly: true, secure: cookie.secure, sameSite: 'Lax', path: '/' } } as const;

  const back = (c: Context, code: SsoFailure) => c.redirect(`${rp.origin}${CONSOLE_SIGN_IN_PATH}?error=${code}`, 303);
  const guards = (c: Context) => signInGuards(deps.secret, clientAddress(c, deps.trustProxy));

  async function fail(c: Context, error: SsoError, practiceId: string | null, now: Date) {
    if (!UNCOUNTED.has(error.code)) await recordSignInFailure(db, guards(c), now);
    const log = error.code === 'sso_unreachable' ? deps.logger.warn : deps.logger.info;
    log({ event: 'staff_sso_failed', requestId: c.get('requestId'), code: error.code, ...(error.reason ? { reason: error.reason } : {}) });
    const action = error.code === 'sso_locked' ? 'staff_sign_in_locked' : 'staff_sign_in_failed';
    await auditStaff(c, deps, { at: now, practiceId, staffId: error.staffId ?? null, action, detail: `sso ${error.code}` });
    return back(c, error.code);
  }

  async function start(c: Context, practice: unknown) {
    const now = deps.now();
    const practiceId = typeof practice === 'string' && deps.practices.has(practice) ? practice : undefined;
    if (!practiceId) return back(c, 'sso_not_enabled');
    if ((await lockedFor(db, guards(c), now)) !== undefined) return fail(c, new SsoError('sso_locked'), practiceId, now);
    let begun: { url: URL; flow: SsoFlow };
    try {
      begun = await sso.begin(practiceId, now);
    } catch (error) {
      if (!(error instanceof SsoError)) throw error;
      if (error.code === 'sso_not_enabled') return back(c, error.code);
      return fail(c, error, practiceId, now);
    }
    setCookie(c, flowCookie.name, sealFlow(deps.secret, begun.flow), { ...flowCookie.options, maxAge: SSO_FLOW_TTL_MS / 1000 });
    return c.redirect(begun.url.href, 303);
  }

  api.get('/sign-in/sso', (c) => start(c, c.req.query('practice')));
  api.post('/sign-in/sso', async (c) => {
    // A form from the console's page; anything else names no practice.
    const form = await c.req.parseBody().catch(() => undefined);
    return start(c, form?.practice);
  });

  app.get(SSO_CALLBACK_PATH, async (c) => {
    c.header('cache-control', 'no-store');
    c.header('referrer-policy', 'no-referrer');
    const now = deps.now();
    const flow = openFlow(deps.secret, getCookie(c, flowCookie.name), now);
    // One use: whatever happens next, this flow is over.
    deleteCookie(c, flowCookie.name, flowCookie.options);
    const practiceId = flow?.practiceId ?? null;
    if ((await lockedFor(db, guards(c), now)) !== undefined) return fail(c, new SsoError('sso_locked'), practiceId, now);
    if (!flow) return fail(c, new SsoError('sso_expired'), null, now);
    if (!deps.practices.has(flow.practiceId)) return back(c, 'sso_not_enabled');
    let staff;
    try {
      staff = await sso.finish(flow, new URL(c.req.url).search);
    } catch (error) {
      if (!(error instanceof SsoError)) throw error;
      return fail(c, error, practiceId, now);
    }
    const token = await openStaffSession(db, staff, 'sso', now);
    writeSessionCookie(c, cookie, token);
    await auditStaff(c, deps, { at: now, practiceId: staff.practice_id, staffId: staff.id, action: 'staff_signed_in', detail: 'sso' });
    return c.redirect(`${rp.origin}${CONSOLE_HOME_PATH}`, 303);
  });
}
