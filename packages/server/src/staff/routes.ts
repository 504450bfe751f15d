import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import { Hono, type Context } from 'hono';
import type { ApiDeps, AppEnv } from '../http/context.js';
import { clientAddress } from '../http/context.js';
import { ApiProblem } from '../http/problem.js';
import { jsonBody } from '../http/request.js';
import type { StaffRow } from './accounts.js';
import { auditStaff, fromConsole, requireStaff, staffSessionOf, type StaffEnv } from './access.js';
import { EnrolmentError, enrolmentPasskeyOptions, enrolWithPasskey, enrolWithPassword, startEnrolment } from './enrolment.js';
import { mountStaffManagement } from './manage-routes.js';
import { authenticatePasskey, authenticationOptions, registerPasskey, registrationOptions } from './passkeys.js';
import { scopesOf } from './roles.js';
import { AddPasskeySchema, EnrolmentTokenSchema, EnrolPasskeySchema, EnrolPasswordSchema, PasskeySignInSchema, PasswordSignInSchema } from './schemas.js';
import { mountSso } from './sso-routes.js';
import { passkeyLockedFor, recordPasskeyFailure, signInWithPassword } from './sign-in.js';
import { clearSessionCookie, csrfToken, endAllStaffSessions, endStaffSession, openStaffSession, STAFF_ABSOLUTE_MS, STAFF_IDLE_MS, writeSessionCookie, type SessionMethod } from './sessions.js';

/** Where the console's own API is: same origin as the console, a session cookie, never CORS. */
export const CONSOLE_API = '/console/api';

const ENROLMENT_MESSAGES = {
  enrolment_invalid: [410, 'This enrolment link is not valid any more: it was used, it expired, or it was replaced. Ask an admin for a new one.'],
  totp_invalid: [400, 'That code is not right. Enter the code the authenticator app shows now.'],
  totp_not_started: [409, 'Open the enrolment link again to get the authenticator key first.'],
  passkey_invalid: [400, 'The passkey could not be registered. Try again.'],
} as const;

const signInFailed = () => new ApiProblem(401, 'sign_in_failed', 'The email, password or code is not right.');
const signInLocked = (seconds: number) =>
  new ApiProblem(429, 'sign_in_locked', 'Too many failed sign-ins. Wait, then try again, or sign in with your passkey.', [], { 'Retry-After': String(seconds) });

/** What the console is told about who signed in, and the token it must send back on changes. */
function sessionBody(deps: ApiDeps, staff: { id: string; practiceId: string; email: string; role: StaffRow['role'] }, token: string, createdAt: Date, now: Date) {
  return {
    staff: { id: staff.id, practiceId: staff.practiceId, email: staff.email, role: staff.role, scopes: scopesOf(staff.role) },
    csrfToken: csrfToken(deps.secret, token),
    idleExpiresAt: new Date(now.getTime() + STAFF_IDLE_MS).toISOString(),
    expiresAt: new Date(createdAt.getTime() + STAFF_ABSOLUTE_MS).toISOString(),
  };
}

/**
 * The staff's routes of the console (issue 14): enrolment, sign-in with a passkey or with email,
 * password and TOTP, the session, sign-out (here or everywhere), passkeys, and the practice's
 * staff for admins; single sign-on through the practice's OpenID Connect provider (sso-routes.ts).
 */
export function mountConsoleApi(app: Hono<AppEnv>, deps: ApiDeps): void {
  const api = new Hono<AppEnv>();
  const db = deps.database.db;
  const { rp, cookie } = deps.staff;

  api.use('*', async (c, next) => {
    await next();
    c.header('cache-control', 'no-store');
  });
  // Nothing here is for another site's pages: not even the steps before a session exists.
  api.use('*', async (c, next) => {
    if (!fromConsole(c, rp.origin)) throw new ApiProblem(403, 'origin_not_allowed', 'Only the console’s own pages may use this API.');
    await next();
  });

  /** Opens a session: the cookie, the audit entry, and what the page needs. */
  async function signIn(c: Context, staff: StaffRow, method: SessionMethod, now: Date) {
    const practice = deps.practices.get(staff.practice_id);
    if (!practice || staff.disabled_at !== null) throw signInFailed();
    const token = await openStaffSession(db, staff, method, now);
    writeSessionCookie(c, cookie, token);
    await auditStaff(c, deps, { at: now, practiceId: staff.practice_id, staffId: staff.id, action: 'staff_signed_in', detail: method });
    return c.json(sessionBody(deps, { id: staff.id, practiceId: staff.practice_id, email: staff.email, role: staff.role }, token, now, now), 201);
  }

  async function enrolment<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      if (!(error instanceof EnrolmentError)) throw error;
      const [status, message] = ENROLMENT_MESSAGES[error.code];
      throw new ApiProblem(status, error.code, message);
    }
  }

  api.post('/enrolment', jsonBody(EnrolmentTokenSchema), async (c) => {
    const now = deps.now();
    const { staff, totp } = await enrolment(() => startEnrolment(db, deps.secret, rp.name, c.req.valid('json').token, now));
    return c.json({ email: staff.email, practiceId: staff.practice_id, role: staff.role, totp });
  });
  api.post('/enrolment/password', jsonBody(EnrolPasswordSchema), async (c) => {
    const now = deps.now();
    const { token, password, code } = c.req.valid('json');
    const staff = await enrolment(() => enrolWithPassword(db, deps.secret, token, password, code, now, deps.staff.passwordCost));
    await auditStaff(c, deps, { at: now, practiceId: staff.practice_id, staffId: staff.id, action: 'staff_enrolled', detail: 'password' });
    return signIn(c, staff, 'password', now);
  });
  api.post('/enrolment/passkey/options', jsonBody(EnrolmentTokenSchema), async (c) => {
    const now = deps.now();
    return c.json(await enrolment(() => enrolmentPasskeyOptions(db, rp, c.req.valid('json').token, now)));
  });
  api.post('/enrolment/passkey', jsonBody(EnrolPasskeySchema), async (c) => {
    const now = deps.now();
    const { token, challengeId, response } = c.req.valid('json');
    const staff = await enrolment(() => enrolWithPasskey(db, rp, token, challengeId, response as unknown as RegistrationResponseJSON, now));
    await auditStaff(c, deps, { at: now, practiceId: staff.practice_id, staffId: staff.id, action: 'staff_enrolled', detail: 'passkey' });
    return signIn(c, staff, 'passkey', now);
  });

  api.post('/sign-in/password', jsonBody(PasswordSignInSchema), async (c) => {
    const now = deps.now();
    const { practice, email, password, code } = c.req.valid('json');
    const outcome = await signInWithPassword(db, deps.secret, clientAddress(c, deps.trustProxy), { practiceId: practice, email, password, code }, now, deps.staff.passwordCost);
    if (outcome.ok) return signIn(c, outcome.staff, 'password', now);
    const practiceId = deps.practices.has(practice) ? practice : null;
    await auditStaff(c, deps, { at: now, practiceId, staffId: outcome.staffId ?? null, action: outcome.locked ? 'staff_sign_in_locked' : 'staff_sign_in_failed', detail: 'password' });
    throw outcome.locked ? signInLocked(outcome.locked) : signInFailed();
  });
  api.post('/sign-in/passkey/options', async (c) => c.json(await authenticationOptions(db, rp, deps.now())));
  api.post('/sign-in/passkey', jsonBody(PasskeySignInSchema), async (c) => {
    const now = deps.now();
    const address = clientAddress(c, deps.trustProxy);
    const locked = await passkeyLockedFor(db, deps.secret, address, now);
    if (locked !== undefined) throw signInLocked(locked);
    const { challengeId, response } = c.req.valid('json');
    const staff = await authenticatePasskey(db, rp, challengeId, response, now);
    if (!staff || staff.disabled_at !== null) {
      await recordPasskeyFailure(db, deps.secret, address, now);
      await auditStaff(c, deps, { at: now, practiceId: staff?.practice_id ?? null, staffId: staff?.id ?? null, action: 'staff_sign_in_failed', detail: 'passkey' });
      throw new ApiProblem(401, 'sign_in_failed', 'That passkey could not sign you in.');
    }
    return signIn(c, staff, 'passkey', now);
  });
  mountSso(api, app, deps);

  // Everything below needs a session (and its CSRF token on changes).
  const signedIn = new Hono<StaffEnv>();
  signedIn.use('*', requireStaff(deps));
  signedIn.get('/session', (c) => {
    const { staffSession: session, now } = c.var;
    return c.json(sessionBody(deps, { id: session.staffId, practiceId: session.practiceId, email: session.email, role: session.role }, session.token, session.createdAt, now));
  });
  signedIn.post('/sign-out', async (c) => {
    const { staffSession: session, now } = c.var;
    await endStaffSession(db, session.id, now);
    clearSessionCookie(c, cookie);
    await auditStaff(c, deps, { at: now, practiceId: session.practiceId, staffId: session.staffId, action: 'staff_signed_out' });
    return c.body(null, 204);
  });
  signedIn.post('/sign-out/everywhere', async (c) => {
    const { staffSession: session, now } = c.var;
    const ended = await endAllStaffSessions(db, session.staffId, now);
    clearSessionCookie(c, cookie);
    await auditStaff(c, deps, { at: now, practiceId: session.practiceId, staffId: session.staffId, action: 'staff_signed_out_everywhere', detail: `${ended} sessions` });
    return c.body(null, 204);
  });
  signedIn.post('/passkeys/options', async (c) => {
    const { staffSession: session, now } = c.var;
    const staff = await db.selectFrom('staff').selectAll().where('id', '=', session.staffId).executeTakeFirstOrThrow();
    return c.json(await registrationOptions(db, rp, staff, now));
  });
  signedIn.post('/passkeys', jsonBody(AddPasskeySchema), async (c) => {
    const { staffSession: session, now } = c.var;
    const { challengeId, response } = c.req.valid('json');
    const staff = await db.selectFrom('staff').selectAll().where('id', '=', session.staffId).executeTakeFirstOrThrow();
    if (!(await registerPasskey(db, rp, staff, challengeId, response, now))) {
      throw new ApiProblem(400, 'passkey_invalid', ENROLMENT_MESSAGES.passkey_invalid[1]);
    }
    await auditStaff(c, deps, { at: now, practiceId: session.practiceId, staffId: session.staffId, action: 'staff_passkey_added' });
    return c.body(null, 204);
  });
  mountStaffManagement(signedIn, deps);
  api.route('/', signedIn);

  app.route(CONSOLE_API, api);
  app.all(`${CONSOLE_API}/*`, (c) => {
    throw new ApiProblem(404, 'not_found', `There is no ${c.req.method} ${new URL(c.req.url).pathname} in the console API.`);
  });
}

export { staffSessionOf };
