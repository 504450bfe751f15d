/**
 * Payments the billing office takes by phone (`POST /admin/v1/accounts/{id}/payments`): staff
 * signed in to the console (admin, billing) take a card or a bank debit for a patient, through the
 * patient's own payment path: once per Idempotency-Key, recorded as taken by them, in the money
 * desk, the posting file, the events and the account's audit trail. A bank debit keeps the
 * telephone authorization read (Nacha TEL) with its wording's version. Read-only staff, a
 * practice's key, another practice's staff and bad input are refused with the right problem.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiErrorBodySchema, PaymentSchema } from '@billpay/sdk';
import { MoneyDaySchema } from '@billpay/sdk/admin-desk';
import { TELEPHONE_AUTHORIZATION_VERSION, telephoneAuthorizationScript } from '@billpay/sdk/admin-phone';
import { createApp } from '../../src/http/app.js';
import { createLogger } from '../../src/log.js';
import type { StaffRole } from '../../src/staff/roles.js';
import { adminKey, otherPractice } from '../support/admin.js';
import { backends } from '../support/backends.js';
import { tabsOfEveryRole, type StaffTab } from '../support/console-tabs.js';
import { FROM_TEST_PROXY, harborPoint, openHarness, SECRET, TEST_PROXIES, TODAY, type App, type Harness } from '../support/harness.js';
import { newKey } from '../support/payments.js';
import { CARDS, openProcessorHarness, type ProcessorHarness } from '../support/processor.js';

const ORIGIN = 'https://billing.harbor.example';
const COOKIE = '__Host-billpay_staff';
const RIVERA = 'acct_demo1';

interface Answer<T = Record<string, unknown>> {
  readonly status: number;
  readonly body: T;
}

type Tab = StaffTab;

function refused(answer: Answer<unknown>, status: number, code: string) {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  const { error } = ApiErrorBodySchema.parse(answer.body);
  assert.equal(error.code, code);
  return error;
}

for (const backend of backends) {
  describe(`payments taken by phone (${backend.name})`, () => {
    let harness: Harness;
    let processor: ProcessorHarness;
    let app: App;
    const logLines: string[] = [];
    let tabs: Record<StaffRole | 'theirs', StaffTab>;

    before(async () => {
      harness = await openHarness(backend);
      processor = await openProcessorHarness(backend);
      app = createApp({
        database: harness.database,
        practices: new Map([[harborPoint.id, harborPoint], [otherPractice.id, otherPractice]]),
        logger: createLogger((line) => logLines.push(line)),
        secret: SECRET,
        now: harness.clock.now,
        trustedProxies: TEST_PROXIES,
        processor: processor.gateway(),
        consoleOrigin: ORIGIN,
      });
      tabs = await tabsOfEveryRole(harness);
    });
    after(async () => {
      // No card number, security code or token reaches the log (the code as a value: a bare 731
      // may be any request's duration in ms).
      const log = logLines.join('\n');
      for (const secret of [CARDS.visa, '"731"', 'cvc', 'tok_']) assert.equal(log.includes(secret), false, `${secret} reached the log`);
      await harness.close();
      await processor.close();
    });

    /** A request as the console's page sends it: same origin, the session's cookie, its CSRF token on changes. */
    async function send<T = Record<string, unknown>>(tab: Tab | undefined, path: string, init: { body?: unknown; key?: string; headers?: Record<string, string> } = {}): Promise<Answer<T>> {
      const method = init.body === undefined ? 'GET' : 'POST';
      const headers: Record<string, string> = { 'sec-fetch-site': 'same-origin', 'x-forwarded-for': '203.0.113.7' };
      if (method !== 'GET') headers.origin = ORIGIN;
      if (tab) headers.cookie = `${COOKIE}=${tab.cookie}`;
      if (tab && method !== 'GET') headers['x-csrf-token'] = tab.csrf;
      if (init.key !== undefined) headers['idempotency-key'] = init.key;
      if (init.body !== undefined) headers['content-type'] = 'application/json';
      const response = await app.request(path, { method, headers: { ...headers, ...init.headers }, ...(init.body === undefined ? {} : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }) }, FROM_TEST_PROXY);
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
    }

    const pay = (tab: Tab | undefined, body: unknown, key = newKey(), account = RIVERA) => send(tab, `/admin/v1/accounts/${account}/payments`, { body, key });
    const balanceOf = async (accountId: string) => {
      const row = await harness.database.db.selectFrom('ledger_entries').select((eb) => eb.fn.sum<string>('amount_cents').as('total')).where('account_id', '=', accountId).executeTakeFirstOrThrow();
      return Number(row.total);
    };
    const telephone = (amountCents: number) => ({
      text: telephoneAuthorizationScript('en', { practiceName: harborPoint.name, payerName: 'Daniela Rivera', amount: `$${(amountCents / 100).toFixed(2)}`, account: 'checking account ending in 6789', date: 'November 22, 2026', phone: '(203) 555-0100' }),
      acceptedAt: harness.clock.now().toISOString(),
      version: TELEPHONE_AUTHORIZATION_VERSION,
    });

    it('billing staff take a card payment once: the receipt, taken by them, in the money desk, the events, the postings and the audit trail', async () => {
      const before = await balanceOf(RIVERA);
      const token = await processor.cardToken(CARDS.visa);
      const key = newKey();
      const answer = await pay(tabs.billing, { amountCents: 2_000, token }, key);
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      const receipt = PaymentSchema.parse(answer.body);
      assert.equal(receipt.status, 'succeeded');
      assert.equal(receipt.amountCents, 2_000);
      assert.deepEqual([receipt.method.kind, receipt.method.brand, receipt.method.last4], ['card', 'visa', '4242']);
      assert.equal(receipt.remainingBalanceCents, before - 2_000);
      assert.equal(await balanceOf(RIVERA), before - 2_000);

      // The same attempt again (a lost answer, a double click): the same payment, nothing charged twice.
      const again = await pay(tabs.billing, { amountCents: 2_000, token }, key);
      assert.equal(again.status, 201);
      assert.equal(PaymentSchema.parse(again.body).id, receipt.id);
      assert.equal(await balanceOf(RIVERA), before - 2_000);
      // The same key for another payment is refused.
      refused(await pay(tabs.billing, { amountCents: 2_500, token }, key), 409, 'idempotency_conflict');

      const row = await harness.database.db.selectFrom('payments').selectAll().where('id', '=', receipt.id).executeTakeFirstOrThrow();
      assert.equal(row.taken_by_staff_id, tabs.billing.staffId);
      assert.equal(row.authorization_channel, null);

      // Who took it is in the account's payments (the console's schema reads what it shows, and leaves this out).
      const detail = await send<{ payments: { id: string; takenBy: string; takenByStaffId: string | null; refundableCents: number }[] }>(tabs.billing, `/admin/v1/accounts/${RIVERA}`);
      const shown = detail.body.payments.find((p) => p.id === receipt.id)!;
      assert.deepEqual([shown.takenBy, shown.takenByStaffId, shown.refundableCents], ['staff', tabs.billing.staffId, 2_000]);

      const day = MoneyDaySchema.parse((await send(tabs.billing, `/admin/v1/money/day?date=${TODAY}`)).body);
      assert.equal(day.payments.find((p) => p.paymentId === receipt.id)?.takenBy, 'staff');

      const postings = await send<{ rows: { paymentId: string; type: string; amountCents: number }[] }>(tabs.billing, `/admin/v1/postings?date=${TODAY}`);
      assert.deepEqual(postings.body.rows.filter((m) => m.paymentId === receipt.id).map((m) => [m.type, m.amountCents]), [['payment', 2_000]]);

      const events = await harness.database.db.selectFrom('events').select(['type', 'data']).where('practice_id', '=', harborPoint.id).where('type', '=', 'payment.succeeded').execute();
      const event = events.map((e) => (typeof e.data === 'string' ? JSON.parse(e.data) : e.data) as Record<string, unknown>).find((d) => d.paymentId === receipt.id);
      assert.equal(event?.takenBy, 'staff');

      const audit = await harness.database.db.selectFrom('audit_events').select(['staff_id', 'account_id', 'detail']).where('staff_id', '=', tabs.billing.staffId).execute();
      assert.ok(audit.some((a) => a.account_id === RIVERA && a.detail?.startsWith('POST /admin/v1/accounts/:id/payments 201')), JSON.stringify(audit));
    });

    it('a bank debit by phone keeps the telephone authorization read, its version and when the patient agreed', async () => {
      const token = await processor.bankToken('000123456789');
      refused(await pay(tabs.admin, { amountCents: 1_500, token }), 422, 'authorization_required');
      const stale = { ...telephone(1_500), version: 'tel-2020-01' };
      const wrongVersion = refused(await pay(tabs.admin, { amountCents: 1_500, token, authorization: stale }), 422, 'authorization_invalid');
      assert.deepEqual(wrongVersion.issues?.[0]?.path, ['authorization', 'version']);
      const old = { ...telephone(1_500), acceptedAt: new Date(harness.clock.now().getTime() - 2 * 86_400_000).toISOString() };
      refused(await pay(tabs.admin, { amountCents: 1_500, token, authorization: old }), 422, 'authorization_invalid');

      const authorization = telephone(1_500);
      const answer = await pay(tabs.admin, { amountCents: 1_500, token, authorization });
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      const receipt = PaymentSchema.parse(answer.body);
      assert.equal(receipt.status, 'processing');
      const row = await harness.database.db.selectFrom('payments').selectAll().where('id', '=', receipt.id).executeTakeFirstOrThrow();
      assert.deepEqual(
        [row.taken_by_staff_id, row.authorization_channel, row.authorization_version, row.authorization_text, row.authorization_accepted_at],
        [tabs.admin.staffId, 'telephone', TELEPHONE_AUTHORIZATION_VERSION, authorization.text, authorization.acceptedAt],
      );
      // Nobody's browser assented: no address or browser is kept as if it were the patient's.
      assert.deepEqual([row.authorization_ip_address, row.authorization_user_agent], [null, null]);
    });

    it('refuses read-only staff (403), a practice’s key (403), no session, a missing CSRF token, and another practice’s account (404)', async () => {
      const token = await processor.cardToken(CARDS.visa);
      refused(await pay(tabs['read-only'], { amountCents: 1_000, token }), 403, 'insufficient_scope');
      // A browser without a session is no caller of the practice API at all.
      refused(await pay(undefined, { amountCents: 1_000, token }), 403, 'browser_not_allowed');
      const noCsrf = await send(tabs.billing, `/admin/v1/accounts/${RIVERA}/payments`, { body: { amountCents: 1_000, token }, key: newKey(), headers: { 'x-csrf-token': '' } });
      assert.equal(noCsrf.status, 403, JSON.stringify(noCsrf.body));
      // Lakeside's staff cannot reach harbor-point's patient, exactly as if there were none.
      refused(await pay(tabs.theirs, { amountCents: 1_000, token }), 404, 'account_not_found');
      refused(await pay(tabs.billing, { amountCents: 1_000, token }, newKey(), 'acct_nope'), 404, 'account_not_found');
      refused(await pay(tabs.billing, { amountCents: 1_000, token }, newKey(), 'x'.repeat(200)), 404, 'account_not_found');

      const key = await adminKey(harness.database, harborPoint.id, ['read', 'refunds']);
      const byKey = await app.request(`/admin/v1/accounts/${RIVERA}/payments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key.secret}`, 'content-type': 'application/json', 'idempotency-key': newKey() },
        body: JSON.stringify({ amountCents: 1_000, token }),
      }, FROM_TEST_PROXY);
      refused({ status: byKey.status, body: await byKey.json() }, 403, 'staff_only');

      // None of these charged anything: the token is still good for a payment.
      const answer = await pay(tabs.billing, { amountCents: 1_000, token });
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
    });

    it('answers bad input with a 4xx problem: no key, a bad amount or token, too much, a spent token, a decline', async () => {
      const token = await processor.cardToken(CARDS.visa);
      refused(await send(tabs.billing, `/admin/v1/accounts/${RIVERA}/payments`, { body: { amountCents: 1_000, token } }), 400, 'idempotency_key_required');
      refused(await pay(tabs.billing, { amountCents: 1_000, token }, 'plan-installment:abcdefghijklmnop'), 400, 'idempotency_key_reserved');
      refused(await pay(tabs.billing, { amountCents: 0, token }), 400, 'invalid_request');
      refused(await pay(tabs.billing, { amountCents: 10.5, token }), 400, 'invalid_request');
      refused(await pay(tabs.billing, { amountCents: 1_000, token: '4242424242424242' }), 400, 'invalid_request');
      refused(await pay(tabs.billing, { amountCents: 1_000, token, authorization: { text: 'x'.repeat(5_000), acceptedAt: 'now', version: 'v' } }), 400, 'invalid_request');
      refused(await pay(tabs.billing, '{"amountCents":'), 400, 'invalid_request');
      refused(await pay(tabs.billing, { amountCents: 1_000, token, statementId: 'stmt_nope' }), 400, 'invalid_request');
      refused(await pay(tabs.billing, { amountCents: 1_000, token: 'tok_doesnotexist000' }), 422, 'invalid_token');
      const tooMuch = refused(await pay(tabs.billing, { amountCents: 99_999_999, token }), 422, 'amount_not_allowed');
      assert.equal((tooMuch as Record<string, unknown>).maximumCents, await balanceOf(RIVERA));

      const spent = await processor.cardToken(CARDS.visa);
      assert.equal((await pay(tabs.billing, { amountCents: 100, token: spent })).status, 201);
      refused(await pay(tabs.billing, { amountCents: 100, token: spent }), 422, 'token_already_used');

      const declined = refused(await pay(tabs.billing, { amountCents: 1_000, token: await processor.cardToken(CARDS.declined) }), 402, 'payment_declined');
      assert.ok((declined as Record<string, unknown>).declineCode);
    });
  });
}
