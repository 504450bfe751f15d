import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiErrorBodySchema } from '@billpay/sdk';
import { generate } from 'otplib';
import { addStaff, issueEnrolment } from '../../src/staff/accounts.js';
import type { StaffRole } from '../../src/staff/roles.js';
import { CHEAP_PASSWORD_COST, insertPayment, twoPracticeApp } from '../support/admin.js';
import { SoftwareAuthenticator, type Challenge } from '../support/authenticator.js';
import { backends } from '../support/backends.js';
import { FROM_TEST_PROXY, openHarness, type App, type Harness } from '../support/harness.js';

const ORIGIN = 'https://billing.harbor.example';
const COOKIE = '__Host-billpay_staff';
const PASSWORD = 'correct horse battery staple';
interface Answer<T = Record<string, unknown>> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
  /** The session cookie the answer set ('' when it cleared it), if it touched it. */
  readonly cookie: string | undefined;
}

/** A browser tab of the console: its cookie, and its CSRF token once signed in. */
interface Tab {
  cookie?: string | undefined;
  csrf?: string | undefined;
}

interface Send {
  readonly method?: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** Leave out the CSRF header the tab would send. */
  readonly noCsrf?: boolean;
  readonly address?: string;
}

function refused(answer: Answer, status: number, code: string): void {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  assert.equal(ApiErrorBodySchema.parse(answer.body).error.code, code);
}

for (const backend of backends) {
  describe(`staff and access (${backend.name})`, () => {
    let harness: Harness;
    let app: App;
    const logLines: string[] = [];
    /** Every password, TOTP key, code, token and cookie the tests used: none may reach the log. */
    const secrets: string[] = [PASSWORD];
    const paymentId = 'pay_staffaccesstest0001';

    before(async () => {
      harness = await openHarness(backend);
      app = twoPracticeApp(harness, logLines, { consoleOrigin: ORIGIN, passwordCost: CHEAP_PASSWORD_COST });
      await insertPayment(harness, paymentId);
    });
    after(async () => {
      const log = logLines.join('\n');
      for (const secret of secrets) assert.equal(log.includes(secret), false, 'a secret reached the log');
      await harness.close();
    });

    /** A request as the console's page sends it: same origin, its cookie, its CSRF token on changes. */
    async function send<T = Record<string, unknown>>(tab: Tab, path: string, init: Send = {}): Promise<Answer<T>> {
      const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
      const headers: Record<string, string> = { 'sec-fetch-site': 'same-origin', 'x-forwarded-for': init.address ?? '203.0.113.7' };
      if (method !== 'GET') headers.origin = ORIGIN;
      if (tab.cookie) headers.cookie = `${COOKIE}=${tab.cookie}`;
      if (tab.csrf && !init.noCsrf && method !== 'GET') headers['x-csrf-token'] = tab.csrf;
      if (init.body !== undefined) headers['content-type'] = 'application/json';
      const response = await app.request(path, { method, headers: { ...headers, ...init.headers }, ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }) }, FROM_TEST_PROXY);
      const text = await response.text();
      const setCookie = response.headers.get('set-cookie') ?? undefined;
      const cookie = setCookie === undefined ? undefined : (new RegExp(`^${COOKIE}=([^;]*)`).exec(setCookie)?.[1] ?? undefined);
      if (cookie) secrets.push(cookie);
      const body = (text ? JSON.parse(text) : null) as T;
      const csrf = (body as { csrfToken?: string } | null)?.csrfToken;
      if (csrf) secrets.push(csrf);
      return { status: response.status, body, headers: response.headers, cookie };
    }

    const code = async (secret: string) => generate({ secret, epoch: Math.floor(harness.clock.now().getTime() / 1000) });

    /** Adds staff and enrols them with a password and TOTP: a signed-in tab, and their TOTP key. */
    async function enrolled(role: StaffRole, practiceId = 'harbor-point', email = `${role}-${Math.random().toString(36).slice(2, 8)}@harbor.example`) {
      const { staff, token } = await addStaff(harness.database.db, { practiceId, email, role, now: harness.clock.now() });
      secrets.push(token);
      const tab: Tab = {};
      const started = await send<{ totp: { secret: string; uri: string } }>(tab, '/console/api/enrolment', { body: { token } });
      assert.equal(started.status, 200, JSON.stringify(started.body));
      secrets.push(started.body.totp.secret);
      const done = await send<{ csrfToken: string }>(tab, '/console/api/enrolment/password', { body: { token, password: PASSWORD, code: await code(started.body.totp.secret) } });
      assert.equal(done.status, 201, JSON.stringify(done.body));
      tab.cookie = done.cookie;
      tab.csrf = done.body.csrfToken;
      return { staff, tab, totp: started.body.totp.secret, email, token };
    }

    async function signIn(email: string, totp: string, practice = 'harbor-point', password = PASSWORD, address?: string) {
      const tab: Tab = {};
      const answer = await send<{ csrfToken: string }>(tab, '/console/api/sign-in/password', { body: { practice, email, password, code: await code(totp) }, address });
      if (answer.status === 201) Object.assign(tab, { cookie: answer.cookie, csrf: answer.body.csrfToken });
      return { answer, tab };
    }

    it('enrols with a one-time link (password and TOTP), which then and after 72 hours works no more', async () => {
      const { staff, token } = await addStaff(harness.database.db, { practiceId: 'harbor-point', email: 'Ana.Lopez@Harbor.example ', role: 'billing', now: harness.clock.now() });
      secrets.push(token);
      assert.equal(staff.email, 'ana.lopez@harbor.example');
      const stored = await harness.database.db.selectFrom('staff_enrolments').selectAll().where('staff_id', '=', staff.id).executeTakeFirstOrThrow();
      assert.notEqual(stored.token_hash, token);
      assert.ok(Buffer.from(token, 'base64url').length >= 16, 'at least 128 random bits');

      const tab: Tab = {};
      const started = await send<{ email: string; totp: { secret: string; uri: string } }>(tab, '/console/api/enrolment', { body: { token } });
      assert.equal(started.body.email, 'ana.lopez@harbor.example');
      assert.match(started.body.totp.uri, /^otpauth:\/\/totp\/.+secret=[A-Z2-7]+/);
      secrets.push(started.body.totp.secret);
      // The TOTP key is kept sealed, never as given.
      const pending = await harness.database.db.selectFrom('staff_enrolments').select('pending_totp_secret').where('staff_id', '=', staff.id).executeTakeFirstOrThrow();
      assert.equal(pending.pending_totp_secret?.includes(started.body.totp.secret), false);

      refused(await send(tab, '/console/api/enrolment/password', { body: { token, password: PASSWORD, code: '000000' } }), 400, 'totp_invalid');
      refused(await send(tab, '/console/api/enrolment/password', { body: { token, password: 'short', code: await code(started.body.totp.secret) } }), 400, 'invalid_request');
      const done = await send<{ staff: { role: string; scopes: string[] }; csrfToken: string }>(tab, '/console/api/enrolment/password', { body: { token, password: PASSWORD, code: await code(started.body.totp.secret) } });
      assert.equal(done.status, 201, JSON.stringify(done.body));
      assert.deepEqual(done.body.staff.scopes, ['read', 'refunds', 'import']);
      const setCookie = done.headers.get('set-cookie')!;
      assert.match(setCookie, /^__Host-billpay_staff=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
      const row = await harness.database.db.selectFrom('staff').selectAll().where('id', '=', staff.id).executeTakeFirstOrThrow();
      // argon2id at the cost the server was given (the production cost is asserted in passwords.test.ts).
      assert.ok(row.password_hash!.startsWith(`$argon2id$v=19$m=${String(CHEAP_PASSWORD_COST.memoryCost)},t=${String(CHEAP_PASSWORD_COST.timeCost)},p=1$`), row.password_hash!);

      // Single use: the same link again, even its first step, is refused.
      refused(await send(tab, '/console/api/enrolment', { body: { token } }), 410, 'enrolment_invalid');
      refused(await send(tab, '/console/api/enrolment/password', { body: { token, password: PASSWORD, code: await code(started.body.totp.secret) } }), 410, 'enrolment_invalid');

      // A new link expires after 72 hours.
      const later = await issueEnrolment(harness.database.db, staff.id, harness.clock.now());
      secrets.push(later.token);
      harness.clock.advance(72 * 60 + 1);
      refused(await send({}, '/console/api/enrolment', { body: { token: later.token } }), 410, 'enrolment_invalid');
      refused(await send({}, '/console/api/enrolment', { body: { token: 'x'.repeat(43) } }), 410, 'enrolment_invalid');
    });

    it('signs in with email, password and TOTP; the session answers with its CSRF token; a code works once', async () => {
      const { staff, email, totp } = await enrolled('admin');
      harness.clock.advance(1);
      const { answer, tab } = await signIn(email.toUpperCase(), totp);
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      const session = await send<{ staff: { id: string; role: string }; csrfToken: string }>(tab, '/console/api/session');
      assert.equal(session.status, 200);
      assert.equal(session.body.staff.id, staff.id);
      assert.equal(session.body.csrfToken, tab.csrf);
      assert.equal(session.headers.get('cache-control'), 'no-store');
      // The same code again (a replay within its 30 seconds) is refused.
      refused((await signIn(email, totp)).answer, 401, 'sign_in_failed');
      const audit = await harness.database.db.selectFrom('audit_events').selectAll().where('staff_id', '=', staff.id).where('action', '=', 'staff_signed_in').execute();
      assert.ok(audit.length >= 2 && audit.every((event) => event.client_hash && event.practice_id === 'harbor-point'));
    });

    it('locks password sign-in after 5 failures of an account (wrong password or code) for 15 minutes, and after 20 from an address', async () => {
      const { email, totp } = await enrolled('billing');
      const address = '198.51.100.20';
      for (let i = 0; i < 3; i += 1) {
        harness.clock.advance(1);
        refused((await signIn(email, totp, 'harbor-point', 'wrong password here', address)).answer, 401, 'sign_in_failed');
      }
      for (let i = 0; i < 2; i += 1) {
        const wrongCode = (Number(await code(totp)) + 1) % 1_000_000;
        const answer = await send({}, '/console/api/sign-in/password', { body: { practice: 'harbor-point', email, password: PASSWORD, code: String(wrongCode).padStart(6, '0') }, address });
        refused(answer, 401, 'sign_in_failed');
      }
      harness.clock.advance(1);
      // Locked: even the right password and code are refused, from any address.
      const locked = (await signIn(email, totp, 'harbor-point', PASSWORD, '192.0.2.99')).answer;
      refused(locked, 429, 'sign_in_locked');
      assert.ok(Number(locked.headers.get('retry-after')) > 0);
      harness.clock.advance(15);
      assert.equal((await signIn(email, totp)).answer.status, 201);

      // 20 failures from one address, over many accounts, lock that address only.
      const spray = '198.51.100.77';
      for (let i = 0; i < 20; i += 1) {
        refused((await signIn(`nobody${i}@harbor.example`, totp, 'harbor-point', 'guess guess guess', spray)).answer, 401, 'sign_in_failed');
      }
      harness.clock.advance(1);
      refused((await signIn(email, totp, 'harbor-point', PASSWORD, spray)).answer, 429, 'sign_in_locked');
      assert.equal((await signIn(email, totp, 'harbor-point', PASSWORD, '198.51.100.78')).answer.status, 201);
      harness.clock.advance(16);
    });

    it('counts a burst of concurrent wrong passwords before checking them: at most 5 are checked, the rest are locked', async () => {
      const { email, totp } = await enrolled('billing');
      harness.clock.advance(1);
      const answers = await Promise.all(Array.from({ length: 12 }, () => signIn(email, totp, 'harbor-point', 'wrong password here', '198.51.100.30')));
      const statuses = answers.map((a) => a.answer.status).sort();
      // Without counting first, all 12 were checked (each looked before any failure was written).
      const tried = statuses.filter((s) => s === 401).length;
      assert.ok(tried <= 5, statuses.join(','));
      assert.equal(statuses.filter((s) => s === 429).length, 12 - tried, statuses.join(','));
      harness.clock.advance(16);
      assert.equal((await signIn(email, totp)).answer.status, 201);
    });

    it('enrols and signs in with a passkey; a wrong origin, a used challenge or another key is refused', async () => {
      const { staff, token } = await addStaff(harness.database.db, { practiceId: 'harbor-point', email: 'passkey@harbor.example', role: 'read-only', now: harness.clock.now() });
      secrets.push(token);
      const device = new SoftwareAuthenticator(ORIGIN);
      const options = await send<Challenge>({}, '/console/api/enrolment/passkey/options', { body: { token } });
      assert.equal(options.status, 200);
      assert.equal(options.body.options.rp?.id, 'billing.harbor.example');
      const enrolledAnswer = await send<{ staff: { id: string } }>({}, '/console/api/enrolment/passkey', { body: { token, challengeId: options.body.challengeId, response: device.register(options.body) } });
      assert.equal(enrolledAnswer.status, 201, JSON.stringify(enrolledAnswer.body));
      assert.equal(enrolledAnswer.body.staff.id, staff.id);
      refused(await send({}, '/console/api/enrolment/passkey/options', { body: { token } }), 410, 'enrolment_invalid');

      const challenge = await send<Challenge>({}, '/console/api/sign-in/passkey/options', { method: 'POST' });
      const tab: Tab = {};
      const signedIn = await send<{ staff: { id: string }; csrfToken: string }>(tab, '/console/api/sign-in/passkey', { body: { challengeId: challenge.body.challengeId, response: device.assert(challenge.body) } });
      assert.equal(signedIn.status, 201, JSON.stringify(signedIn.body));
      assert.equal(signedIn.body.staff.id, staff.id);
      tab.cookie = signedIn.cookie;
      assert.equal((await send(tab, '/console/api/session')).status, 200);
      // The challenge was used.
      refused(await send({}, '/console/api/sign-in/passkey', { body: { challengeId: challenge.body.challengeId, response: device.assert(challenge.body) } }), 401, 'sign_in_failed');
      // Another site's page (a phishing origin) cannot use the assertion.
      const phished = await send<Challenge>({}, '/console/api/sign-in/passkey/options', { method: 'POST' });
      refused(await send({}, '/console/api/sign-in/passkey', { body: { challengeId: phished.body.challengeId, response: device.assert(phished.body, { origin: 'https://billing-harbor.example' }) } }), 401, 'sign_in_failed');
      // Another key's signature does not verify.
      const impostor = new SoftwareAuthenticator(ORIGIN);
      const forged = await send<Challenge>({}, '/console/api/sign-in/passkey/options', { method: 'POST' });
      const response = impostor.assert(forged.body);
      refused(await send({}, '/console/api/sign-in/passkey', { body: { challengeId: forged.body.challengeId, response: { ...response, id: device.id, rawId: device.id } } }), 401, 'sign_in_failed');
      // An expired challenge (5 minutes).
      const stale = await send<Challenge>({}, '/console/api/sign-in/passkey/options', { method: 'POST' });
      harness.clock.advance(6);
      refused(await send({}, '/console/api/sign-in/passkey', { body: { challengeId: stale.body.challengeId, response: device.assert(stale.body) } }), 401, 'sign_in_failed');
    });

    it('ends a session after 15 minutes idle, and after 12 hours however busy', async () => {
      const { tab } = await enrolled('read-only');
      harness.clock.advance(14);
      assert.equal((await send(tab, '/console/api/session')).status, 200);
      harness.clock.advance(16);
      refused(await send(tab, '/console/api/session'), 401, 'staff_session_required');

      const busy = (await enrolled('read-only')).tab;
      for (let minutes = 0; minutes < 12 * 60 - 10; minutes += 10) {
        harness.clock.advance(10);
        assert.equal((await send(busy, '/admin/v1/practice')).status, 200, `at ${minutes + 10} minutes`);
      }
      harness.clock.advance(11);
      refused(await send(busy, '/console/api/session'), 401, 'staff_session_required');
      refused(await send(busy, '/admin/v1/practice'), 401, 'staff_session_required');
    });

    it('signs out here, or everywhere (every session of that member of staff)', async () => {
      const { email, totp, tab: first } = await enrolled('billing');
      harness.clock.advance(1);
      const second = (await signIn(email, totp)).tab;
      const other = (await enrolled('billing')).tab;
      const out = await send(first, '/console/api/sign-out/everywhere', { method: 'POST' });
      assert.equal(out.status, 204);
      assert.equal(out.cookie, '');
      refused(await send(first, '/console/api/session'), 401, 'staff_session_required');
      refused(await send(second, '/admin/v1/practice'), 401, 'staff_session_required');
      assert.equal((await send(other, '/console/api/session')).status, 200, 'another member of staff stays signed in');
      assert.equal((await send(other, '/console/api/sign-out', { method: 'POST' })).status, 204);
      refused(await send(other, '/console/api/session'), 401, 'staff_session_required');
    });

    it('refuses a change without the CSRF token, with a forged one, or from another origin', async () => {
      const { tab } = await enrolled('admin');
      refused(await send(tab, '/console/api/sign-out', { method: 'POST', noCsrf: true }), 403, 'csrf_token_invalid');
      refused(await send(tab, '/console/api/sign-out', { method: 'POST', headers: { 'x-csrf-token': 'f'.repeat(64) } }), 403, 'csrf_token_invalid');
      // Another member of staff's token is no good either.
      const other = (await enrolled('admin')).tab;
      refused(await send(tab, '/console/api/sign-out', { method: 'POST', headers: { 'x-csrf-token': other.csrf! } }), 403, 'csrf_token_invalid');
      refused(await send(tab, '/admin/v1/payments/x/refunds', { body: { reason: 'duplicate' }, noCsrf: true, headers: { 'idempotency-key': 'staff-csrf-0001-refund-key' } }), 403, 'csrf_token_invalid');
      refused(await send(tab, '/console/api/sign-out', { method: 'POST', headers: { origin: 'https://evil.example' } }), 403, 'origin_not_allowed');
      refused(await send(tab, '/admin/v1/practice', { headers: { 'sec-fetch-site': 'cross-site' } }), 403, 'origin_not_allowed');
      refused(await send({}, '/console/api/sign-in/password', { body: { practice: 'harbor-point', email: 'a@b.example', password: 'x', code: '123456' }, headers: { origin: 'https://evil.example' } }), 403, 'origin_not_allowed');
      // Still signed in: none of those did anything.
      assert.equal((await send(tab, '/console/api/session')).status, 200);
      for (const [name] of (await send(tab, '/admin/v1/practice')).headers) assert.doesNotMatch(name, /^access-control-/);
    });

    it('maps roles onto the practice API: read-only reads, billing refunds, admin also webhooks; keys stay keys', async () => {
      const admin = (await enrolled('admin')).tab;
      const billing = (await enrolled('billing')).tab;
      const readOnly = await enrolled('read-only');
      const refund = (tab: Tab, key: string) => send(tab, `/admin/v1/payments/pay_nosuchpayment/refunds`, { body: { reason: 'duplicate' }, headers: { 'idempotency-key': key } });

      for (const tab of [admin, billing, readOnly.tab]) {
        const payment = await send<{ id: string }>(tab, `/admin/v1/payments/${paymentId}`);
        assert.equal(payment.status, 200, JSON.stringify(payment.body));
      }
      refused(await refund(readOnly.tab, 'staff-role-0001-refund-key'), 403, 'insufficient_scope');
      refused(await refund(billing, 'staff-role-0002-refund-key'), 404, 'payment_not_found');
      refused(await refund(admin, 'staff-role-0003-refund-key'), 404, 'payment_not_found');
      refused(await send(billing, '/admin/v1/webhook-endpoints'), 403, 'insufficient_scope');
      assert.equal((await send(admin, '/admin/v1/webhook-endpoints')).status, 200);
      // Staff management is an admin's.
      refused(await send(billing, '/console/api/staff'), 403, 'insufficient_role');
      const added = await send<{ enrolmentLink: string }>(admin, '/console/api/staff', { body: { email: 'new.hire@harbor.example', role: 'billing' } });
      assert.equal(added.status, 201, JSON.stringify(added.body));
      assert.match(added.body.enrolmentLink, /^https:\/\/billing\.harbor\.example\/console\/enrol#token=[A-Za-z0-9_-]{43}$/);
      secrets.push(added.body.enrolmentLink.split('#token=')[1]!);
      refused(await send(admin, '/console/api/staff', { body: { email: 'new.hire@harbor.example', role: 'billing' } }), 409, 'staff_exists');
      const disabled = await send(admin, `/console/api/staff/${readOnly.staff.id}/disable`, { method: 'POST' });
      assert.equal(disabled.status, 200);
      refused(await send(readOnly.tab, `/admin/v1/payments/${paymentId}`), 401, 'staff_session_required');

      // Who did what is in the audit trail, by staff id.
      const refusedRefund = await harness.database.db.selectFrom('audit_events').selectAll().where('staff_id', '=', readOnly.staff.id).where('action', '=', 'api_call_refused').executeTakeFirstOrThrow();
      assert.match(refusedRefund.detail!, /^POST \/admin\/v1\/payments\/:id\/refunds 403 insufficient_scope$/);
      assert.ok(refusedRefund.client_hash);
      assert.equal(refusedRefund.api_key_id, null);

      // An Authorization header makes it a key's call: the cookie is not looked at.
      refused(await send(admin, '/admin/v1/practice', { headers: { authorization: 'Bearer bp_live_nope' } }), 403, 'browser_not_allowed');
      const server = await app.request('/admin/v1/practice', { headers: { authorization: 'Bearer bp_live_nope', cookie: `${COOKIE}=${admin.cookie}` } }, FROM_TEST_PROXY);
      assert.equal(server.status, 401);
      // No cookie, a browser: refused as before.
      refused(await send({}, '/admin/v1/practice'), 403, 'browser_not_allowed');
    });

    it('a fee a member of staff adds at the account desk is theirs in its request and in the account’s audit trail; read-only staff cannot add one', async () => {
      const billing = await enrolled('billing');
      const found = await send<{ data: { id: string }[] }>(billing.tab, '/admin/v1/accounts/search', { body: { q: 'Rivera' } });
      assert.equal(found.status, 200, JSON.stringify(found.body));
      const accountId = found.body.data[0]!.id;
      const added = await send<{ entryId?: string; id?: string }>(billing.tab, `/admin/v1/accounts/${accountId}/fees`, { body: { reason: 'invoicing_fee', amountCents: 500 }, headers: { 'idempotency-key': 'staff-desk-fee-0001-key' } });
      assert.equal(added.status, 201, JSON.stringify(added.body));
      const request = await harness.database.db.selectFrom('fee_requests').selectAll().where('idempotency_key', '=', 'staff-desk-fee-0001-key').executeTakeFirstOrThrow();
      assert.deepEqual([request.staff_id, request.api_key_id], [billing.staff.id, null]);
      const trail = await send<{ data: { action: string; actor: { type: string; id?: string } }[] }>(billing.tab, `/admin/v1/accounts/${accountId}/audit`);
      assert.equal(trail.status, 200);
      // Named as the staff list names them, by email.
      assert.deepEqual(trail.body.data.find((row) => row.action === 'fee_added')?.actor, { type: 'staff', id: billing.staff.id, label: billing.email });
      refused(await send((await enrolled('read-only')).tab, `/admin/v1/accounts/${accountId}/fees`, { body: { reason: 'invoicing_fee', amountCents: 500 }, headers: { 'idempotency-key': 'staff-desk-fee-0002-key' } }), 403, 'insufficient_scope');
    });

    it('a plan change a member of staff makes is theirs in its record; read-only staff see plans and money but cannot change a plan', async () => {
      const patient = await harness.open('Chen');
      const made = await app.request('/v1/plans', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${patient}`, 'idempotency-key': 'staff-plan-desk-0001-plan' },
        body: JSON.stringify({ frequency: 'monthly', firstDate: '2026-11-30', payments: 4, payment: { mode: 'manual' } }),
      }, FROM_TEST_PROXY);
      assert.equal(made.status, 201);
      const planId = ((await made.json()) as { id: string }).id;
      const billing = await enrolled('billing');
      const moved = await send<{ change: { requestedBy: unknown } }>(billing.tab, `/admin/v1/plans/${planId}/installments/2/move`, { body: { dueOn: '2027-01-04', reason: 'requested_by_patient' }, headers: { 'idempotency-key': 'staff-plan-desk-0002-move' } });
      assert.equal(moved.status, 201, JSON.stringify(moved.body));
      assert.deepEqual(moved.body.change.requestedBy, { apiKeyId: null, staffId: billing.staff.id });
      const readOnly = (await enrolled('read-only')).tab;
      assert.equal((await send(readOnly, `/admin/v1/plans/${planId}`)).status, 200);
      assert.equal((await send(readOnly, '/admin/v1/money/day?date=2026-11-22')).status, 200);
      assert.equal((await send(readOnly, '/admin/v1/money/aging')).status, 200);
      refused(await send(readOnly, `/admin/v1/plans/${planId}/cancel`, { body: { reason: 'hardship' }, headers: { 'idempotency-key': 'staff-plan-desk-0003-cancel' } }), 403, 'insufficient_scope');
      refused(await send((await enrolled('admin', 'lakeside-clinic')).tab, `/admin/v1/plans/${planId}`), 404, 'plan_not_found');
    });

    it("keeps another practice's staff to their own practice", async () => {
      const lakeside = (await enrolled('admin', 'lakeside-clinic')).tab;
      const practice = await send<{ id: string }>(lakeside, '/admin/v1/practice');
      assert.equal(practice.body.id, 'lakeside-clinic');
      refused(await send(lakeside, `/admin/v1/payments/${paymentId}`), 404, 'payment_not_found');
      refused(await send(lakeside, `/admin/v1/payments/${paymentId}/refunds`, { body: { reason: 'duplicate' }, headers: { 'idempotency-key': 'staff-other-0001-refund-key' } }), 404, 'payment_not_found');
      const harborStaff = await enrolled('read-only');
      refused(await send(lakeside, `/console/api/staff/${harborStaff.staff.id}/disable`, { method: 'POST' }), 404, 'staff_not_found');
      // Their email at another practice is another account: harbor-point's password does not open lakeside.
      harness.clock.advance(1);
      refused((await signIn(harborStaff.email, harborStaff.totp, 'lakeside-clinic')).answer, 401, 'sign_in_failed');
    });

    it('answers malformed staff requests with 4xx, never 5xx', async () => {
      const { tab } = await enrolled('admin');
      for (const [path, body] of [
        ['/console/api/enrolment', { token: 42 }],
        ['/console/api/sign-in/password', { practice: 'harbor-point' }],
        ['/console/api/sign-in/passkey', { challengeId: 'chl_x', response: { id: '!!', type: 'public-key' } }],
        ['/console/api/sign-in/passkey', { challengeId: 'chl_x', response: { id: 'abc', rawId: 'abc', type: 'public-key', response: { clientDataJSON: 'e30', authenticatorData: '', signature: '' }, clientExtensionResults: {} } }],
        ['/console/api/staff', { email: 'not an email', role: 'billing' }],
        ['/console/api/staff', { email: 'x@y.example', role: 'owner' }],
      ] as const) {
        const answer = await send(tab, path, { body });
        assert.ok(answer.status >= 400 && answer.status < 500, `${path} ${answer.status}`);
      }
      assert.equal((await send(tab, '/console/api/nothing-here')).status, 404);
    });
  });
}
