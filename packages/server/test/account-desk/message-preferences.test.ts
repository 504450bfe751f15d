/**
 * An account's message preferences on the billing office's desk (issue 16): what the patient
 * receives, with where each channel's consent stands, read by any role; email or texts stopped at
 * the patient's request by admin and billing staff in the console only (never a key, never
 * read-only staff, never another practice's account), recorded append-only as a revocation by the
 * member of staff in the words shown, audited, and honoured at once: a statement's email and text
 * already queued are suppressed when their turn comes. Staff can never turn a channel on.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiErrorBodySchema, staffRevocationText } from '@billpay/sdk';
import { AccountMessagePreferencesSchema, type AccountMessagePreferences } from '@billpay/sdk/admin-desk';
import { recordConsent } from '../../src/messages/consent.js';
import { deliverDueMessages } from '../../src/messages/delivery.js';
import { queueStatementReady } from '../../src/messages/outbox.js';
import type { StaffRole } from '../../src/staff/roles.js';
import { adminCall, adminKey, twoPracticeApp } from '../support/admin.js';
import { backends } from '../support/backends.js';
import { tabsOfEveryRole, type StaffTab } from '../support/console-tabs.js';
import { FROM_TEST_PROXY, harborPoint, openHarness, practices, SECRET, type App, type Harness } from '../support/harness.js';

const ORIGIN = 'https://billing.harbor.example';
const COOKIE = '__Host-billpay_staff';
const RIVERA = 'acct_demo1';
const EMAIL = 'Daniela.Rivera@example.com';
const MOBILE = '+12035550142';
const PATH = `/admin/v1/accounts/${RIVERA}/message-preferences`;

type Tab = StaffTab;
interface Answer<T = unknown> {
  readonly status: number;
  readonly body: T;
}

function refused(answer: Answer, status: number, code: string) {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  assert.equal(ApiErrorBodySchema.parse(answer.body).error.code, code);
}

for (const backend of backends) {
  describe(`an account's message preferences on the desk (${backend.name})`, () => {
    let harness: Harness;
    let app: App;
    let tabs: Record<StaffRole | 'theirs', StaffTab>;

    before(async () => {
      harness = await openHarness(backend);
      app = twoPracticeApp(harness, [], { consoleOrigin: ORIGIN });
      tabs = await tabsOfEveryRole(harness);
      const db = harness.database.db;
      await db.updateTable('accounts').set({ email: EMAIL, mobile_phone: MOBILE }).where('id', '=', RIVERA).execute();
      // The patient agreed to texts in their preferences, and chose paperless.
      await recordConsent(db, { practiceId: harborPoint.id, accountId: RIVERA, channel: 'sms', address: MOBILE, action: 'granted', source: 'patient', words: 'I agree', language: 'en', at: harness.clock.now() });
      await db.insertInto('message_preferences').values({ account_id: RIVERA, practice_id: harborPoint.id, paperless: true, email_on: null, email_address: null, sms_on: true, sms_address: null, updated_at: harness.clock.now() }).execute();
    });
    after(() => harness.close());

    /** A request as the console's page sends it: same origin, the session's cookie, its CSRF token on a change. */
    async function send<T = unknown>(tab: Tab, body?: unknown, path = PATH): Promise<Answer<T>> {
      const method = body === undefined ? 'GET' : 'POST';
      const headers: Record<string, string> = { 'sec-fetch-site': 'same-origin', 'x-forwarded-for': '203.0.113.7', cookie: `${COOKIE}=${tab.cookie}` };
      if (method === 'POST') Object.assign(headers, { origin: ORIGIN, 'x-csrf-token': tab.csrf, 'content-type': 'application/json' });
      const response = await app.request(path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }, FROM_TEST_PROXY);
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
    }
    const read = async (tab: Tab = tabs['read-only']) => {
      const answer = await send(tab);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      return AccountMessagePreferencesSchema.parse(answer.body);
    };
    const deliver = () =>
      deliverDueMessages({ db: harness.database.db, secret: SECRET, practices, channels: {}, now: harness.clock.now, publicUrl: () => 'https://billing.example', payPageUrl: () => 'https://harborpoint.example/pay' });
    const statusOf = async (dedupeKey: string) => (await harness.database.db.selectFrom('messages').select('status').where('dedupe_key', '=', dedupeKey).executeTakeFirstOrThrow()).status;

    it('shows any role what the patient receives, masked, with where consent stands; another practice never finds the account', async () => {
      const seen = await read();
      assert.deepEqual(seen.email, { on: true, address: 'D***@example.com', stoppedBy: null, consent: null });
      assert.deepEqual({ ...seen.sms, consent: { ...seen.sms.consent, at: 'x' } }, { on: true, address: '***-***-0142', stoppedBy: null, consent: { action: 'granted', source: 'patient', at: 'x' } });
      assert.equal(seen.paperless, true);
      assert.equal(seen.practiceName, harborPoint.name, 'the name the revocation\'s words say');
      assert.ok(!JSON.stringify(seen).toLowerCase().includes('daniela.rivera') && !JSON.stringify(seen).includes('5550142'));
      const key = (await adminKey(harness.database, harborPoint.id, ['read'])).secret;
      assert.equal((await adminCall(app, PATH, key)).status, 200, 'a key with the read scope may look');
      refused(await send(tabs.theirs), 404, 'account_not_found');
    });

    it('lets admin and billing staff only stop messages, never turn them on, in the console only, for the practice\'s accounts only', async () => {
      refused(await send(tabs['read-only'], { sms: false, language: 'en' }), 403, 'insufficient_scope');
      const key = (await adminKey(harness.database, harborPoint.id, ['read', 'refunds'])).secret;
      refused(await adminCall(app, PATH, key, { method: 'POST', body: { sms: false, language: 'en' } }), 403, 'staff_only');
      refused(await send(tabs.theirs, { sms: false, language: 'en' }), 404, 'account_not_found');
      refused(await send(tabs.billing, { sms: true, language: 'en' }), 400, 'invalid_request');
      refused(await send(tabs.billing, { language: 'en' }), 400, 'invalid_request');
      refused(await send(tabs.billing, { email: false, language: 'fr' }), 400, 'invalid_request');
      refused(await send(tabs.billing, { sms: false, language: 'en' }, `/admin/v1/accounts/${'x'.repeat(300)}/message-preferences`), 404, 'account_not_found');
      assert.equal((await read()).sms.on, true, 'nothing refused changed anything');
      assert.equal((await harness.database.db.selectFrom('message_consents').select('seq').where('source', '=', 'staff').execute()).length, 0);
    });

    it('stops texts and email at once: recorded with the member of staff and the words, audited, queued notices suppressed', async () => {
      const db = harness.database.db;
      const statement = await db.selectFrom('statements').select('id').where('account_id', '=', RIVERA).orderBy('statement_date', 'desc').executeTakeFirstOrThrow();
      await queueStatementReady(db, [statement.id], harness.clock.now());
      assert.equal(await statusOf(`statement_ready:${statement.id}`), 'pending');
      assert.equal(await statusOf(`statement_ready:sms:${statement.id}`), 'pending');

      const texts = await send<AccountMessagePreferences>(tabs.billing, { sms: false, language: 'es' });
      assert.equal(texts.status, 200, JSON.stringify(texts.body));
      const afterTexts = AccountMessagePreferencesSchema.parse(texts.body);
      assert.equal(afterTexts.sms.on, false);
      assert.equal(afterTexts.sms.stoppedBy, 'staff');
      assert.deepEqual([afterTexts.sms.consent?.action, afterTexts.sms.consent?.source, afterTexts.sms.consent?.at], ['revoked', 'staff', harness.clock.now().toISOString()]);
      assert.equal(afterTexts.email.on, true, 'only what was asked is stopped');
      assert.equal(afterTexts.paperless, true, 'paperless stays while email is on');
      const [row] = await db.selectFrom('message_consents').selectAll().where('source', '=', 'staff').execute();
      assert.deepEqual(
        [row!.action, row!.channel, row!.address, row!.account_id, row!.staff_id, row!.words, row!.language, row!.client_address],
        ['revoked', 'sms', MOBILE, RIVERA, tabs.billing.staffId, staffRevocationText('sms', 'es', harborPoint.name), 'es', '203.0.113.7'],
      );
      const audited = await db.selectFrom('audit_events').select(['staff_id', 'detail']).where('account_id', '=', RIVERA).where('detail', 'like', 'POST %message-preferences 200%').execute();
      assert.deepEqual(audited, [{ staff_id: tabs.billing.staffId, detail: 'POST /admin/v1/accounts/:id/message-preferences 200 stopped sms' }]);

      const email = await send<AccountMessagePreferences>(tabs.admin, { email: false, sms: false, language: 'en' });
      assert.equal(email.status, 200, JSON.stringify(email.body));
      const afterBoth = AccountMessagePreferencesSchema.parse(email.body);
      assert.deepEqual([afterBoth.email.on, afterBoth.email.stoppedBy, afterBoth.email.consent?.source], [false, 'staff', 'staff']);
      assert.equal(afterBoth.paperless, false, 'with no channel on, paper statements are mailed again');
      const rows = await db.selectFrom('message_consents').select(['channel', 'staff_id', 'words']).where('source', '=', 'staff').orderBy('seq').execute();
      assert.deepEqual(rows.slice(1), [{ channel: 'email', staff_id: tabs.admin.staffId, words: staffRevocationText('email', 'en', harborPoint.name) }], 'texts, already off, are not revoked twice');

      // Both notices queued before are suppressed when their turn comes.
      assert.ok((await deliver()).suppressed >= 2);
      assert.equal(await statusOf(`statement_ready:${statement.id}`), 'suppressed');
      assert.equal(await statusOf(`statement_ready:sms:${statement.id}`), 'suppressed');
      assert.deepEqual(await read(), afterBoth);
    });
  });
}
