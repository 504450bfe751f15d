import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../src/http/app.js';
import { createLogger } from '../../src/log.js';
import type { PracticeConfig } from '../../src/practices/practices.js';
import { addStaff, disableStaff, listStaff } from '../../src/staff/accounts.js';
import { STAFF_LOCKOUT } from '../../src/staff/lockout.js';
import { disableSso, setSso } from '../../src/staff/sso-config.js';
import { backends } from '../support/backends.js';
import { FROM_TEST_PROXY, harborPoint, openHarness, SECRET, TEST_PROXIES, type App, type Harness } from '../support/harness.js';
import { startTestIdp, type TestIdp } from '../support/oidc-provider.js';

const ORIGIN = 'https://billing.harbor.example';
const CALLBACK = `${ORIGIN}/console/sso/callback`;
const SESSION_COOKIE = '__Host-billpay_staff';
const FLOW_COOKIE = '__Host-billpay_sso';
const lakeside: PracticeConfig = { ...harborPoint, id: 'lakeside-clinic', name: 'Lakeside Clinic', allowedOrigins: ['https://lakeside.example'] };

interface Step {
  readonly status: number;
  readonly location: string | undefined;
  /** Cookies the answer set, by name ('' when it cleared one). */
  readonly cookies: Map<string, string>;
}

function cookiesOf(response: Response): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const line of response.headers.getSetCookie()) {
    const [pair = ''] = line.split(';');
    const at = pair.indexOf('=');
    cookies.set(pair.slice(0, at), /max-age=0/i.test(line) ? '' : pair.slice(at + 1));
  }
  return cookies;
}

for (const backend of backends) {
  describe(`staff single sign-on with OpenID Connect (${backend.name})`, () => {
    let harness: Harness;
    let app: App;
    let idp: TestIdp;
    const logLines: string[] = [];
    /** Codes, cookies and the client secret: none may reach the log. */
    const secrets: string[] = [];
    const staffIds: Record<string, string> = {};

    before(async () => {
      harness = await openHarness(backend);
      idp = await startTestIdp(CALLBACK);
      secrets.push(idp.clientSecret);
      app = createApp({
        database: harness.database,
        practices: new Map([
          [harborPoint.id, harborPoint],
          [lakeside.id, lakeside],
        ]),
        logger: createLogger((line) => logLines.push(line)),
        secret: SECRET,
        now: harness.clock.now,
        trustedProxies: TEST_PROXIES,
        consoleOrigin: ORIGIN,
        // The test's provider is on plain http on this machine's loopback: development only.
        development: true,
      });
      const { db } = harness.database;
      const now = harness.clock.now();
      for (const [key, practiceId, email] of [
        ['alice', 'harbor-point', 'alice@harbor.example'],
        ['dora', 'harbor-point', 'dora@harbor.example'],
        ['erin', 'harbor-point', 'erin@harbor.example'],
        ['lena', 'lakeside-clinic', 'lena@lakeside.example'],
      ] as const) {
        staffIds[key] = (await addStaff(db, { practiceId, email, role: 'billing', now })).staff.id;
      }
      await disableStaff(db, staffIds.dora!, now);
      idp.accounts.set('alice-sub', { email: 'Alice@Harbor.example', emailVerified: true });
      idp.accounts.set('alice-other-sub', { email: 'alice@harbor.example', emailVerified: true });
      idp.accounts.set('unverified-sub', { email: 'erin@harbor.example', emailVerified: false });
      idp.accounts.set('no-email-sub', {});
      idp.accounts.set('stranger-sub', { email: 'stranger@harbor.example', emailVerified: true });
      idp.accounts.set('dora-sub', { email: 'dora@harbor.example', emailVerified: true });
      idp.accounts.set('lena-sub', { email: 'lena@lakeside.example', emailVerified: true });
      await setSso(db, SECRET, { practiceId: 'harbor-point', issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, emailDomains: [] }, now);
    });
    after(async () => {
      await idp.close();
      await harness.close();
      const log = logLines.join('\n');
      for (const secret of secrets) assert.equal(log.includes(secret), false, 'a secret reached the log');
    });

    async function request(path: string, headers: Record<string, string>, address = '203.0.113.30'): Promise<Step> {
      const response = await app.request(path, { headers: { 'x-forwarded-for': address, ...headers } }, FROM_TEST_PROXY);
      await response.arrayBuffer();
      const cookies = cookiesOf(response);
      for (const value of cookies.values()) if (value) secrets.push(value);
      return { status: response.status, location: response.headers.get('location') ?? undefined, cookies };
    }

    /** The console's "Sign in with your organization": a navigation from its own page. */
    const start = (practice: string, address?: string) => request(`/console/api/sign-in/sso?practice=${practice}`, { 'sec-fetch-site': 'same-origin' }, address);

    /** The provider sends the browser back: a navigation from its site, with the flow's cookie if the browser has it. */
    const callback = (url: URL, flowCookie: string | undefined, address?: string) => {
      const code = url.searchParams.get('code');
      if (code && code.length > 20) secrets.push(code);
      return request(`${url.pathname}${url.search}`, { 'sec-fetch-site': 'cross-site', ...(flowCookie ? { cookie: `${FLOW_COOKIE}=${flowCookie}` } : {}) }, address);
    };

    /** Starts at the console, signs in at the provider as `login`, and comes back. */
    async function signInAs(login: string, practice = 'harbor-point', change?: (back: URL) => URL): Promise<Step> {
      const started = await start(practice);
      assert.equal(started.status, 303);
      const flow = started.cookies.get(FLOW_COOKIE);
      assert.ok(flow && started.location?.startsWith(`${idp.issuer}/`), started.location);
      const back = await idp.signIn(started.location!, login);
      return callback(change ? change(back) : back, flow);
    }

    const refusedWith = (step: Step, code: string) => {
      assert.equal(step.status, 303);
      assert.equal(step.location, `${ORIGIN}/console/sign-in?error=${code}`);
      assert.equal(step.cookies.get(SESSION_COOKIE), undefined, 'no session on a refusal');
    };

    /** The audit entries of single sign-ons of `staffId` (none: of no known staff) with `detail`. */
    async function auditOf(staffId: string | null, detail: string) {
      const { db } = harness.database;
      let query = db.selectFrom('audit_events').selectAll().where('detail', '=', detail);
      query = staffId === null ? query.where('staff_id', 'is', null) : query.where('staff_id', '=', staffId);
      return query.execute();
    }

    it('sends the browser to the provider with PKCE, state and nonce, keeping them sealed in a short-lived Lax __Host- cookie', async () => {
      const response = await app.request('/console/api/sign-in/sso?practice=harbor-point', { headers: { 'sec-fetch-site': 'same-origin', 'x-forwarded-for': '203.0.113.31' } }, FROM_TEST_PROXY);
      assert.equal(response.status, 303);
      const url = new URL(response.headers.get('location')!);
      assert.equal(url.origin, idp.issuer);
      assert.equal(url.searchParams.get('client_id'), idp.clientId);
      assert.equal(url.searchParams.get('redirect_uri'), CALLBACK);
      assert.equal(url.searchParams.get('response_type'), 'code');
      assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
      for (const name of ['state', 'nonce', 'code_challenge']) assert.match(url.searchParams.get(name) ?? '', /^[A-Za-z0-9_-]{43}$/, name);
      const [line] = response.headers.getSetCookie();
      assert.match(line!, /^__Host-billpay_sso=[^;]+; Max-Age=600; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
      const flow = line!.slice(line!.indexOf('=') + 1, line!.indexOf(';'));
      for (const name of ['state', 'nonce']) assert.equal(flow.includes(url.searchParams.get(name)!), false, 'the cookie is sealed, not readable');
      // Only the console's own page may start it.
      const elsewhere = await app.request('/console/api/sign-in/sso?practice=harbor-point', { headers: { 'sec-fetch-site': 'cross-site' } }, FROM_TEST_PROXY);
      assert.equal(elsewhere.status, 403);
    });

    it('signs in staff of the practice by their verified email, records their subject, audits it and opens the usual session', async () => {
      const step = await signInAs('alice-sub');
      assert.equal(step.status, 303);
      assert.equal(step.location, `${ORIGIN}/console/`);
      assert.equal(step.cookies.get(FLOW_COOKIE), '', 'the flow is over');
      const token = step.cookies.get(SESSION_COOKIE);
      assert.match(token ?? '', /^[A-Za-z0-9_-]{43}$/);
      const session = await app.request('/console/api/session', { headers: { 'sec-fetch-site': 'same-origin', cookie: `${SESSION_COOKIE}=${token}` } }, FROM_TEST_PROXY);
      assert.equal(session.status, 200);
      const body = (await session.json()) as { staff: { id: string; email: string; practiceId: string } };
      assert.deepEqual([body.staff.id, body.staff.email, body.staff.practiceId], [staffIds.alice, 'alice@harbor.example', 'harbor-point']);
      const { db } = harness.database;
      const sessionRow = await db.selectFrom('staff_sessions').select('method').where('staff_id', '=', staffIds.alice!).executeTakeFirstOrThrow();
      assert.equal(sessionRow.method, 'sso');
      const staff = await db.selectFrom('staff').select(['sso_issuer', 'sso_subject']).where('id', '=', staffIds.alice!).executeTakeFirstOrThrow();
      assert.deepEqual(staff, { sso_issuer: idp.issuer, sso_subject: 'alice-sub' });
      const listed = (await listStaff(db, 'harbor-point')).find((member) => member.id === staffIds.alice);
      assert.equal(listed?.sso, true);
      const [audit] = await auditOf(staffIds.alice!, 'sso');
      assert.equal(audit?.action, 'staff_signed_in');
      assert.equal(audit?.practice_id, 'harbor-point');
      assert.equal(new Date(audit.at).getTime(), harness.clock.now().getTime());
      assert.match(audit?.client_hash ?? '', /^[0-9a-f]{64}$/);
      // The same person again: their subject matches.
      const again = await signInAs('alice-sub');
      assert.equal(again.location, `${ORIGIN}/console/`);
    });

    it('refuses another identity at the provider with the same email once the subject is recorded', async () => {
      refusedWith(await signInAs('alice-other-sub'), 'sso_account_mismatch');
      const [audit] = await auditOf(staffIds.alice!, 'sso sso_account_mismatch');
      assert.equal(audit?.action, 'staff_sign_in_failed');
    });

    it('refuses an email that is not staff of the practice, never creating an account', async () => {
      refusedWith(await signInAs('stranger-sub'), 'sso_not_staff');
      const { db } = harness.database;
      assert.equal(await db.selectFrom('staff').select('id').where('email', '=', 'stranger@harbor.example').executeTakeFirst(), undefined);
      const [audit] = await auditOf(null, 'sso sso_not_staff');
      assert.deepEqual([audit?.action, audit?.practice_id], ['staff_sign_in_failed', 'harbor-point']);
      // Disabled staff, too.
      refusedWith(await signInAs('dora-sub'), 'sso_not_staff');
    });

    it('refuses an email the provider does not say is verified, or no email at all', async () => {
      refusedWith(await signInAs('unverified-sub'), 'sso_email_unverified');
      refusedWith(await signInAs('no-email-sub'), 'sso_email_unverified');
      const { db } = harness.database;
      const erin = await db.selectFrom('staff').select('sso_subject').where('id', '=', staffIds.erin!).executeTakeFirstOrThrow();
      assert.equal(erin.sso_subject, null);
    });

    it("does not let another practice's staff in through this practice's provider", async () => {
      refusedWith(await signInAs('lena-sub'), 'sso_not_staff');
      // And that practice has no single sign-on of its own.
      refusedWith(await start('lakeside-clinic'), 'sso_not_enabled');
    });

    it('refuses a return whose state is not the one this browser was sent with, or without the flow cookie', async () => {
      refusedWith(await signInAs('alice-sub', 'harbor-point', (back) => {
        const forged = new URL(back);
        forged.searchParams.set('state', 'A'.repeat(43));
        return forged;
      }), 'sso_failed');
      // A flow started in another browser (or a stale one): its cookie is not here.
      const started = await start('harbor-point');
      const back = await idp.signIn(started.location!, 'alice-sub');
      refusedWith(await callback(back, undefined), 'sso_expired');
      // A tampered cookie is no flow either.
      const other = await start('harbor-point');
      const flow = other.cookies.get(FLOW_COOKIE)!;
      refusedWith(await callback(await idp.signIn(other.location!, 'alice-sub'), `${flow.slice(0, -2)}AA`), 'sso_expired');
    });

    it('refuses a flow older than ten minutes', async () => {
      const started = await start('harbor-point');
      const back = await idp.signIn(started.location!, 'alice-sub');
      harness.clock.advance(11);
      refusedWith(await callback(back, started.cookies.get(FLOW_COOKIE)), 'sso_expired');
    });

    it('keeps to the email domains the practice allows', async () => {
      const { db } = harness.database;
      await setSso(db, SECRET, { practiceId: 'harbor-point', issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, emailDomains: ['corp.harbor.example'] }, harness.clock.now());
      refusedWith(await signInAs('alice-sub'), 'sso_not_staff');
      await setSso(db, SECRET, { practiceId: 'harbor-point', issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, emailDomains: ['harbor.example'] }, harness.clock.now());
      assert.equal((await signInAs('alice-sub')).location, `${ORIGIN}/console/`);
    });

    it('refuses single sign-on once it is disabled, even for a flow already under way', async () => {
      const { db } = harness.database;
      const started = await start('harbor-point');
      const back = await idp.signIn(started.location!, 'alice-sub');
      await disableSso(db, 'harbor-point', harness.clock.now());
      refusedWith(await callback(back, started.cookies.get(FLOW_COOKIE)), 'sso_not_enabled');
      refusedWith(await start('harbor-point'), 'sso_not_enabled');
      refusedWith(await start('no-such-practice'), 'sso_not_enabled');
      await setSso(db, SECRET, { practiceId: 'harbor-point', issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, emailDomains: [] }, harness.clock.now());
    });

    it('answers a provider that does not answer with a redirect to the sign-in page, never a 5xx', async () => {
      const { db } = harness.database;
      // Nothing listens on port 9 (discard) here: the connection is refused at once.
      await setSso(db, SECRET, { practiceId: 'lakeside-clinic', issuer: 'http://127.0.0.1:9', clientId: 'lakeside-console', clientSecret: 'lakeside-client-secret-0123456789', emailDomains: [] }, harness.clock.now());
      refusedWith(await start('lakeside-clinic'), 'sso_unreachable');
      assert.ok(logLines.some((line) => line.includes('"event":"staff_sso_failed"') && line.includes('"code":"sso_unreachable"')));
      await disableSso(db, 'lakeside-clinic', harness.clock.now());
      // A form post from the console's page starts it too; one that names no practice goes back.
      const posted = await app.request('/console/api/sign-in/sso', { method: 'POST', headers: { 'sec-fetch-site': 'same-origin', origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '203.0.113.32' }, body: 'practice=harbor-point' }, FROM_TEST_PROXY);
      assert.equal(posted.status, 303);
      assert.ok(posted.headers.get('location')?.startsWith(`${idp.issuer}/`));
      const nameless = await app.request('/console/api/sign-in/sso', { method: 'POST', headers: { 'sec-fetch-site': 'same-origin', origin: ORIGIN, 'content-type': 'multipart/form-data; boundary=x', 'x-forwarded-for': '203.0.113.32' }, body: '--x\r\nbroken' }, FROM_TEST_PROXY);
      assert.equal(nameless.status, 303);
      assert.equal(nameless.headers.get('location'), `${ORIGIN}/console/sign-in?error=sso_not_enabled`);
    });

    it('counts failed returns toward the address lockout, and then refuses to start', async () => {
      const address = '198.51.100.77';
      for (let n = 0; n < STAFF_LOCKOUT.perAddress; n++) {
        refusedWith(await callback(new URL(`${CALLBACK}?code=x&state=y`), undefined, address), 'sso_expired');
      }
      refusedWith(await start('harbor-point', address), 'sso_locked');
      const started = await start('harbor-point');
      refusedWith(await callback(await idp.signIn(started.location!, 'alice-sub'), started.cookies.get(FLOW_COOKIE), address), 'sso_locked');
      const locked = await harness.database.db.selectFrom('audit_events').select('action').where('detail', '=', 'sso sso_locked').execute();
      assert.ok(locked.length >= 2);
      assert.ok(locked.every((row) => row.action === 'staff_sign_in_locked'));
    });
  });
}
