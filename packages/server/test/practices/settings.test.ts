/**
 * The practice's settings an admin changes in the console (`/admin/v1/settings`, issue 14): laid
 * over the practice's file and checked with its schema, a brand colour refused for its contrast,
 * admins only, 409 on a stale version, every save kept with what changed, who, from where and
 * when, and in force without a restart: at once on the instance that saved, and within the TTL on
 * a second instance sharing the database.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiErrorBodySchema, PracticeSchema } from '@billpay/sdk';
import { PracticeSettingsViewSchema, type PracticeSettings, type PracticeSettingsView } from '@billpay/sdk/admin-desk';
import { openDatabase, type BillPayDatabase } from '../../src/db/database.js';
import { createApp } from '../../src/http/app.js';
import { createLogger } from '../../src/log.js';
import { changedFields, layerSettings, settingsOf } from '../../src/practices/settings.js';
import { PracticeConfigSchema, type PracticeConfig } from '../../src/practices/practices.js';
import { addStaff } from '../../src/staff/accounts.js';
import type { StaffRole } from '../../src/staff/roles.js';
import { csrfToken, openStaffSession } from '../../src/staff/sessions.js';
import { adminKey, otherPractice } from '../support/admin.js';
import { backends } from '../support/backends.js';
import { ALLOWED_ORIGIN, FROM_TEST_PROXY, harborPoint, openHarness, SECRET, TEST_PROXIES, type App, type Harness } from '../support/harness.js';

const ORIGIN = 'https://billing.harbor.example';
const COOKIE = '__Host-billpay_staff';
const TTL_MS = 200;

describe('settings laid over the practice file', () => {
  it('reads the editable part of a practice, and lays it back over the file with the file’s schema', () => {
    const settings = settingsOf(harborPoint);
    assert.equal(settings.contact.phone, harborPoint.contact.phone);
    const changed: PracticeSettings = { ...settings, contact: { ...settings.contact, phone: '(555) 010-9999' }, branding: { accentColor: '#7a1f5c' } };
    const layered = layerSettings(harborPoint, changed);
    assert.ok(layered.ok);
    assert.equal(layered.practice.contact.phone, '(555) 010-9999');
    // What only the file sets stays as the file says.
    assert.equal(layered.practice.contact.timeZone, harborPoint.contact.timeZone);
    assert.deepEqual(layered.practice.allowedOrigins, harborPoint.allowedOrigins);
    assert.equal(layered.practice.priceList?.length, harborPoint.priceList?.length);
    assert.deepEqual(changedFields(settings, changed), ['branding', 'contact.phone']);
  });

  it('refuses what the start-up file would refuse, pointing at the field', () => {
    const settings = settingsOf(harborPoint);
    const bad = layerSettings(harborPoint, { ...settings, planPolicy: { ...settings.planPolicy!, autopay: 'required_over_months' } });
    assert.equal(bad.ok, false);
    assert.deepEqual(!bad.ok && bad.issues.map((issue) => issue.path.join('.')), ['planPolicy.autopayRequiredOverMonths']);
  });

  it('refuses in the practice file a brand colour that does not reach 4.5:1 against white, saying the ratio', () => {
    const light = PracticeConfigSchema.safeParse({ ...harborPoint, branding: { accentColor: '#f5c400' } });
    assert.equal(light.success, false);
    const issue = light.error.issues[0]!;
    assert.deepEqual(issue.path, ['branding', 'accentColor']);
    assert.match(issue.message, /contrast of 1\.\d:1 against white; .*at least 4\.5:1/);
    assert.equal(PracticeConfigSchema.safeParse({ ...harborPoint, branding: { accentColor: '#0b5cad' } }).success, true);
  });
});

for (const backend of backends) {
  describe(`practice settings (${backend.name})`, () => {
    let harness: Harness & { url: string | undefined };
    let app: App;
    let secondDatabase: BillPayDatabase | undefined;
    let second: App;
    const logLines: string[] = [];

    const newApp = (database: BillPayDatabase) =>
      createApp({
        database,
        // Each instance has its own practices, from the same files.
        practices: new Map<string, PracticeConfig>([
          [harborPoint.id, harborPoint],
          [otherPractice.id, otherPractice],
        ]),
        logger: createLogger((line) => logLines.push(line)),
        secret: SECRET,
        now: harness.clock.now,
        trustedProxies: TEST_PROXIES,
        consoleOrigin: ORIGIN,
        settingsTtlMs: TTL_MS,
      });

    before(async () => {
      harness = await openHarness(backend);
      app = newApp(harness.database);
      // PostgreSQL: a second pool, as a second server would have. PGlite is one connection: the second app shares it.
      secondDatabase = harness.url ? await openDatabase({ url: harness.url }) : undefined;
      second = newApp(secondDatabase ?? harness.database);
    });
    after(async () => {
      await secondDatabase?.close();
      await harness.close();
    });

    async function signedIn(role: StaffRole, practiceId = harborPoint.id) {
      const { staff } = await addStaff(harness.database.db, { practiceId, email: `${role}-${Math.random().toString(36).slice(2, 8)}@harbor.example`, role, now: harness.clock.now() });
      const token = await openStaffSession(harness.database.db, { id: staff.id, practice_id: practiceId }, 'password', harness.clock.now());
      return { staffId: staff.id, token, csrf: csrfToken(SECRET, token) };
    }
    type Tab = Awaited<ReturnType<typeof signedIn>>;

    async function call<T>(target: App, tab: Tab, method: 'GET' | 'PUT', path: string, body?: unknown) {
      const headers: Record<string, string> = { 'sec-fetch-site': 'same-origin', 'x-forwarded-for': '203.0.113.9', cookie: `${COOKIE}=${tab.token}` };
      if (method !== 'GET') Object.assign(headers, { origin: ORIGIN, 'x-csrf-token': tab.csrf, 'content-type': 'application/json' });
      const response = await target.request(path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }, FROM_TEST_PROXY);
      return { status: response.status, body: (await response.json()) as T };
    }
    const read = async (target: App, tab: Tab) => {
      const answer = await call<PracticeSettingsView>(target, tab, 'GET', '/admin/v1/settings');
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      return PracticeSettingsViewSchema.parse(answer.body);
    };
    const save = (target: App, tab: Tab, version: number, settings: PracticeSettings) => call<unknown>(target, tab, 'PUT', '/admin/v1/settings', { version, settings });
    const widget = async (target: App) => {
      const response = await target.request(`/v1/practices/${harborPoint.id}`, { headers: { origin: ALLOWED_ORIGIN } }, FROM_TEST_PROXY);
      return PracticeSchema.parse(await response.json());
    };
    const refused = (answer: { status: number; body: unknown }, status: number, code: string) => {
      assert.equal(answer.status, status, JSON.stringify(answer.body));
      const { error } = ApiErrorBodySchema.parse(answer.body);
      assert.equal(error.code, code);
      return error;
    };

    it('admins read and change the settings; billing and read-only staff, keys and no session are refused', async () => {
      const admin = await signedIn('admin');
      for (const role of ['billing', 'read-only'] as const) {
        const tab = await signedIn(role);
        refused(await call(app, tab, 'GET', '/admin/v1/settings'), 403, 'insufficient_role');
        refused(await save(app, tab, 0, settingsOf(harborPoint)), 403, 'insufficient_role');
      }
      const key = await adminKey(harness.database, harborPoint.id, ['read', 'refunds', 'import', 'webhooks']);
      const byKey = await app.request('/admin/v1/settings', { headers: { authorization: `Bearer ${key.secret}` } }, FROM_TEST_PROXY);
      assert.equal(byKey.status, 403);
      const anonymous = await app.request('/admin/v1/settings', {}, FROM_TEST_PROXY);
      assert.equal(anonymous.status, 401);

      const view = await read(app, admin);
      assert.equal(view.version, 0);
      assert.equal(view.updatedAt, null);
      assert.deepEqual(view.settings, settingsOf(harborPoint));
      assert.deepEqual(view.fixed, { id: harborPoint.id, timeZone: 'America/New_York', allowedOrigins: harborPoint.allowedOrigins, logo: harborPoint.logo });

      // Another practice's admin sees their own practice's settings, never harbor-point's.
      const theirs = await read(app, await signedIn('admin', otherPractice.id));
      assert.equal(theirs.settings.name, otherPractice.name);
    });

    it('refuses invalid settings with an issue per field, and changes nothing', async () => {
      const admin = await signedIn('admin');
      const settings = settingsOf(harborPoint);
      const answer = await save(app, admin, 0, { ...settings, contact: { ...settings.contact, phone: 'call us', email: 'nope' }, branding: { accentColor: '#ffd23f' } });
      const error = refused(answer, 400, 'invalid_request');
      const paths = error.issues!.map((issue) => issue.path.join('.')).sort();
      assert.deepEqual(paths, ['settings.branding.accentColor', 'settings.contact.email', 'settings.contact.phone']);
      assert.match(error.issues!.find((issue) => issue.path.includes('accentColor'))!.message, /contrast of 1\.\d:1 against white/);
      // A rule only the whole file knows (the plan policy's refinements) is refused the same way.
      const policy = refused(await save(app, admin, 0, { ...settings, planPolicy: { ...settings.planPolicy!, frequencies: ['monthly', 'monthly'] } }), 400, 'invalid_request');
      assert.deepEqual(policy.issues!.map((issue) => issue.path.join('.')), ['settings.planPolicy.frequencies']);
      assert.equal((await read(app, admin)).version, 0);
      assert.equal((await widget(app)).contact.phone, harborPoint.contact.phone);
    });

    it('saves, audits who, what, when and from where, and the widget shows it at once here and within the TTL on another instance', async () => {
      const admin = await signedIn('admin');
      // The second instance has read the file's settings (and cached them) before the save.
      assert.equal((await widget(second)).contact.phone, harborPoint.contact.phone);
      const view = await read(app, admin);
      const settings: PracticeSettings = { ...view.settings, contact: { ...view.settings.contact, phone: '(555) 010-2020' }, branding: { accentColor: '#7a1f5c' } };
      const saved = await save(app, admin, view.version, settings);
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      const after = PracticeSettingsViewSchema.parse(saved.body);
      assert.equal(after.version, view.version + 1);
      assert.equal(after.updatedBy, admin.staffId);
      assert.equal(after.settings.contact.phone, '(555) 010-2020');

      // In force at once on this instance, for the widget and the desk alike.
      const here = await widget(app);
      assert.equal(here.contact.phone, '(555) 010-2020');
      assert.deepEqual(here.branding, { accentColor: '#7a1f5c' });

      // The other instance: within the TTL (and its one query), without a restart.
      const savedAt = performance.now();
      let there = await widget(second);
      // Bounded loosely: on a loaded CI machine one query can take a second (speed is measured in bench/, not here).
      while (there.contact.phone !== '(555) 010-2020' && performance.now() - savedAt < TTL_MS + 3_000) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        there = await widget(second);
      }
      const took = performance.now() - savedAt;
      assert.equal(there.contact.phone, '(555) 010-2020');
      assert.deepEqual(there.branding, { accentColor: '#7a1f5c' });
      assert.ok(took <= TTL_MS + 3_000, `seen after ${Math.round(took)} ms; the bound is the TTL (${TTL_MS} ms) and a query`);
      assert.equal((await read(second, admin)).version, after.version);

      // Kept: what changed, before and after, who, from where, when; and the call in the audit trail.
      const change = await harness.database.db.selectFrom('practice_settings_changes').selectAll().where('practice_id', '=', harborPoint.id).where('version', '=', after.version).executeTakeFirstOrThrow();
      assert.deepEqual(change.changed, ['branding', 'contact.phone']);
      assert.equal((change.before as PracticeSettings).contact.phone, harborPoint.contact.phone);
      assert.equal((change.after as PracticeSettings).contact.phone, '(555) 010-2020');
      assert.equal(change.staff_id, admin.staffId);
      assert.ok(change.client_hash && !change.client_hash.includes('203.0.113.9'));
      assert.equal(new Date(change.at).toISOString(), harness.clock.now().toISOString());
      const audit = await harness.database.db.selectFrom('audit_events').selectAll().where('request_id', '=', change.request_id).executeTakeFirstOrThrow();
      assert.equal(audit.staff_id, admin.staffId);
      assert.equal(audit.detail, 'PUT /admin/v1/settings 200');
      assert.equal(audit.client_hash, change.client_hash);
    });

    it('refuses a save made from an older version (409), so two admins never overwrite each other unseen', async () => {
      const ana = await signedIn('admin');
      const ben = await signedIn('admin');
      const opened = await read(app, ana);
      assert.equal((await read(second, ben)).version, opened.version);
      const first = await save(app, ana, opened.version, { ...opened.settings, name: 'Harbor Point Medical' });
      assert.equal(first.status, 200, JSON.stringify(first.body));
      // Ben, on the other instance, saves what he opened before Ana's save.
      const stale = refused(await save(second, ben, opened.version, { ...opened.settings, contact: { ...opened.settings.contact, email: 'ben@harborpoint.example' } }), 409, 'settings_changed');
      assert.match(stale.message, /Someone saved .* since you opened them .*not saved/);
      const now = await read(app, ana);
      assert.equal(now.settings.name, 'Harbor Point Medical');
      assert.equal(now.settings.contact.email, opened.settings.contact.email);
      // Saving the same again changes nothing and keeps the version.
      const same = await save(app, ana, now.version, now.settings);
      assert.equal(PracticeSettingsViewSchema.parse(same.body).version, now.version);
    });

    it('a new instance (a restart) starts from the saved settings over the file', async () => {
      const fresh = newApp(harness.database);
      const shown = await widget(fresh);
      assert.equal(shown.name, 'Harbor Point Medical');
      assert.equal(shown.contact.phone, '(555) 010-2020');
    });
  });
}
