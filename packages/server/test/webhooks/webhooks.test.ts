/**
 * Webhooks: endpoints a practice registers, deliveries signed per Standard Webhooks and checked
 * with the `standardwebhooks` library at a real local HTTP receiver, retried until acknowledged
 * (none lost while the receiver is down), given up after three days with the endpoint disabled,
 * replayed on request, and sent once by one of two instances on one PostgreSQL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it, mock } from 'node:test';
import { ApiErrorBodySchema } from '@billpay/sdk';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { openDatabase, type BillPayDatabase } from '../../src/db/database.js';
import { publishEvents, recordEvent, type EventType } from '../../src/events/outbox.js';
import { createApp } from '../../src/http/app.js';
import { createLogger } from '../../src/log.js';
import { deliverDueWebhooks, RETRY_WINDOW_MS } from '../../src/webhooks/delivery.js';
import type { WebhookDeliveryView, WebhookEndpointView } from '../../src/webhooks/endpoints.js';
import { adminCall, adminKey } from '../support/admin.js';
import { backends } from '../support/backends.js';
import { openHarness, practices, SECRET, TEST_PROXIES, type App, type Harness } from '../support/harness.js';
import { Receiver } from './receiver.js';

type Created = WebhookEndpointView & { secret: string };

for (const backend of backends) {
  describe(`webhooks (${backend.name})`, () => {
    let harness: Harness & { url: string | undefined };
    let app: App;
    let production: App;
    let key: string;
    const logLines: string[] = [];
    const receiver = new Receiver();

    before(async () => {
      harness = await openHarness(backend);
      const options = { database: harness.database, practices, logger: createLogger((line) => logLines.push(line)), secret: SECRET, trustedProxies: TEST_PROXIES };
      app = createApp({ ...options, development: true });
      production = createApp(options);
      key = (await adminKey(harness.database, 'harbor-point', ['webhooks'])).secret;
      await receiver.start();
    });
    after(async () => {
      await receiver.stop();
      await harness.close();
    });

    const db = () => harness.database.db;
    const call = <T = unknown>(path: string, init: { method?: string; body?: unknown } = {}, on: App = app) => adminCall<T>(on, `/admin/v1/webhook-endpoints${path}`, key, init);
    function refused(answer: { status: number; body: unknown }, status: number, code: string) {
      assert.equal(answer.status, status, JSON.stringify(answer.body));
      assert.equal(ApiErrorBodySchema.parse(answer.body).error.code, code);
    }
    async function register(url = receiver.url, eventTypes: EventType[] = ['payment.succeeded', 'refund.succeeded', 'fee.added']) {
      const answer = await call<Created>('', { body: { url, eventTypes } });
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      return answer.body;
    }
    async function events(count: number, type: EventType = 'payment.succeeded'): Promise<string[]> {
      for (let i = 0; i < count; i++) {
        await db().transaction().execute((trx) => recordEvent(trx, { practiceId: 'harbor-point', type, data: { paymentId: `pay_${i}`, amountCents: 100 + i }, now: new Date() }));
      }
      const rows = await db().selectFrom('events').select('public_id').where('type', '=', type).orderBy('id', 'desc').limit(count).execute();
      return rows.map((r) => r.public_id).reverse();
    }
    // The receiver is on this machine: reachable as in development unless a test says otherwise.
    const deliver = (options: { now?: () => Date; fetch?: typeof fetch; database?: BillPayDatabase; batch?: number; allowLoopback?: boolean } = {}) =>
      deliverDueWebhooks({ db: (options.database ?? harness.database).db, secret: SECRET, now: options.now ?? (() => new Date()), fetch: options.fetch, batch: options.batch, allowLoopback: options.allowLoopback ?? true });
    /** Time passes: every delivery waiting to be retried is due now. */
    const timePasses = () => db().updateTable('webhook_deliveries').set({ next_attempt_at: new Date() }).where('status', '=', 'pending').execute();
    const pendingOf = async (endpointId: string) => (await db().selectFrom('webhook_deliveries').select('id').where('endpoint_id', '=', endpointId).where('status', '=', 'pending').execute()).length;
    const disable = (id: string) => call(`/${id}`, { method: 'PATCH', body: { enabled: false } });

    it('registers, lists, changes and removes endpoints; the secret is shown once; the URL, the body and the scope are checked', async () => {
      const made = await register('https://hooks.example/billpay', ['plan.created']);
      assert.match(made.secret, /^whsec_[A-Za-z0-9+/]{32}$/);
      assert.deepEqual([made.status, made.eventTypes, made.url], ['enabled', ['plan.created'], 'https://hooks.example/billpay']);
      const listed = await call<{ data: WebhookEndpointView[] }>('');
      assert.ok(listed.body.data.some((e) => e.id === made.id));
      assert.ok(!JSON.stringify(listed.body).includes('whsec_'), 'never shown again');
      assert.ok(!JSON.stringify((await call(`/${made.id}`)).body).includes('whsec_'));
      const changed = await call<WebhookEndpointView>(`/${made.id}`, { method: 'PATCH', body: { eventTypes: ['plan.created', 'plan.canceled'], description: 'CRM' } });
      assert.deepEqual([changed.status, changed.body.eventTypes, changed.body.description], [200, ['plan.created', 'plan.canceled'], 'CRM']);
      assert.equal((await call(`/${made.id}`, { method: 'DELETE' })).status, 204);
      refused(await call(`/${made.id}`), 404, 'webhook_endpoint_not_found');
      refused(await call(`/${made.id}`, { method: 'DELETE' }), 404, 'webhook_endpoint_not_found');
      refused(await call(`/${'x'.repeat(500)}`), 404, 'webhook_endpoint_not_found');

      refused(await call('', { body: { url: 'http://127.0.0.1:9/hooks', eventTypes: ['fee.added'] } }, production), 422, 'webhook_url_not_allowed');
      for (const url of ['http://hooks.example/x', 'ftp://hooks.example/x', 'not a url', 'https://user:pw@hooks.example/x']) {
        refused(await call('', { body: { url, eventTypes: ['fee.added'] } }), 422, 'webhook_url_not_allowed');
      }
      // Nothing on the machine, the cloud's metadata address or the network behind it (SSRF).
      const inside = ['https://10.1.2.3/x', 'https://169.254.169.254/latest/meta-data', 'https://192.168.0.5/', 'https://172.16.9.9/', 'https://100.64.0.1/', 'https://0.0.0.0/', 'https://127.0.0.1/x', 'https://2130706433/x', 'https://[::1]/x', 'https://[::ffff:10.0.0.1]/x', 'https://[fd00::1]/x', 'https://[fe80::1]/x', 'https://localhost/x', 'https://hooks.localhost/x'];
      for (const url of inside) {
        const answer = await call('', { body: { url, eventTypes: ['fee.added'] } }, production);
        refused(answer, 422, 'webhook_url_not_allowed');
        assert.match(JSON.stringify(answer.body), /public internet|https/, url);
      }
      const publicAddress = await call<Created>('', { body: { url: 'https://93.184.216.34/hooks', eventTypes: ['fee.added'] } }, production);
      assert.equal(publicAddress.status, 201, 'a public address is an endpoint');
      assert.equal((await call(`/${publicAddress.body.id}`, { method: 'DELETE' })).status, 204);
      for (const body of [{ url: 'https://hooks.example' }, { url: 'https://hooks.example', eventTypes: [] }, { url: 'https://hooks.example', eventTypes: ['nope'] }, { url: 'https://hooks.example', eventTypes: ['fee.added'], extra: 1 }, { url: `https://${'a'.repeat(3000)}.example`, eventTypes: ['fee.added'] }]) {
        refused(await call('', { body }), 400, 'invalid_request');
      }
      const reader = (await adminKey(harness.database, 'harbor-point', ['read'])).secret;
      refused(await adminCall(app, '/admin/v1/webhook-endpoints', reader), 403, 'insufficient_scope');
      // Another practice's endpoint is not found, exactly like one that does not exist.
      await db().insertInto('webhook_endpoints').values({ id: 'we_other', practice_id: 'lakeside-clinic', url: 'https://x.example', description: null, event_types: ['fee.added'], secret_sealed: 'v1.a.b.c', status: 'enabled', disabled_reason: null, failing_since: null, created_at: new Date(), updated_at: new Date() }).execute();
      refused(await call('/we_other'), 404, 'webhook_endpoint_not_found');
      assert.ok(!logLines.join('\n').includes(made.secret), 'the secret is never logged');
    });

    it('a name or address that reaches inside (loopback, private) is refused on every delivery, not only at registration', async () => {
      const port = new URL(receiver.url).port;
      // Registered in development, delivered by a server that is not: a name that now resolves
      // inside (DNS rebinding) and an address written in the URL are both refused, nothing sent.
      const byName = await register(`http://localhost:${port}/named`, ['fee.added']);
      const byAddress = await register(`http://127.0.0.1:${port}/literal`, ['fee.added']);
      const before = receiver.accepted.length;
      await events(1, 'fee.added');
      await deliver({ allowLoopback: false });
      assert.equal(receiver.accepted.length, before, 'nothing reached the receiver');
      for (const endpoint of [byName, byAddress]) {
        const log = await call<{ data: WebhookDeliveryView[] }>(`/${endpoint.id}/deliveries`);
        assert.deepEqual(log.body.data.map((d) => [d.status, d.lastError]), [['pending', 'address_not_allowed']]);
        await disable(endpoint.id);
      }
    });

    it('the receiver down for a while and then up: every event delivered, signed, none lost', async () => {
      const endpoint = await register();
      receiver.secret = endpoint.secret;
      await receiver.stop();
      const ids = await events(12);
      await events(2, 'plan.created'); // not subscribed: never sent
      for (let round = 0; round < 3; round++) {
        const report = await deliver();
        assert.equal(report.delivered, 0);
        assert.equal(report.failed, 12);
        await timePasses();
      }
      const log = await call<{ data: WebhookDeliveryView[] }>(`/${endpoint.id}/deliveries?limit=200`);
      assert.equal(log.body.data.length, 12);
      assert.ok(log.body.data.every((d) => d.status === 'pending' && d.attempts === 3 && d.lastError === 'network'));

      await receiver.start();
      await timePasses();
      const report = await deliver();
      assert.equal(report.delivered, 12);
      assert.deepEqual(new Set(receiver.accepted.map((r) => r.id)), new Set(ids));
      assert.equal(receiver.rejected.length, 0);
      assert.equal(await pendingOf(endpoint.id), 0);
      const delivered = await call<{ data: WebhookDeliveryView[] }>(`/${endpoint.id}/deliveries`);
      assert.ok(delivered.body.data.every((d) => d.status === 'delivered' && d.attempts === 4 && d.responseStatus === 204 && d.deliveredAt));
      const body = JSON.parse(receiver.accepted[0]!.body) as { id: string; type: string; data: { amountCents: number } };
      assert.deepEqual([body.type, typeof body.data.amountCents], ['payment.succeeded', 'number']);
      await disable(endpoint.id);
    });

    it('a replayed old delivery is rejected by its timestamp; a replay asked of billpay is signed afresh, with the same id', async () => {
      const endpoint = await register();
      receiver.secret = endpoint.secret;
      receiver.accepted.length = 0;
      const [id] = await events(1);
      await deliver();
      const captured = receiver.accepted.find((r) => r.id === id)!;
      assert.ok(captured);
      const verifier = new Webhook(endpoint.secret);
      assert.doesNotThrow(() => verifier.verify(captured.body, captured.headers));
      assert.throws(() => verifier.verify(captured.body.replace('"amountCents":100', '"amountCents":900'), captured.headers), WebhookVerificationError);
      mock.timers.enable({ apis: ['Date'], now: Date.now() + 10 * 60_000 });
      try {
        assert.throws(() => verifier.verify(captured.body, captured.headers), /timestamp/i);
      } finally {
        mock.timers.reset();
      }
      // The same delivery sent as if ten minutes ago (an attacker replaying it): the receiver refuses it.
      const [late] = await events(1);
      await deliver({ now: () => new Date(Date.now() - 10 * 60_000) });
      assert.ok(receiver.rejected.some((r) => r.id === late));

      const log = await call<{ data: WebhookDeliveryView[] }>(`/${endpoint.id}/deliveries`);
      const original = log.body.data.find((d) => d.eventId === id)!;
      const replay = await call<WebhookDeliveryView>(`/${endpoint.id}/deliveries/${original.id}/replay`, { method: 'POST' });
      assert.equal(replay.status, 202, JSON.stringify(replay.body));
      assert.deepEqual([replay.body.eventId, replay.body.replayOf, replay.body.status], [id, original.id, 'pending']);
      await deliver();
      const copies = receiver.accepted.filter((r) => r.id === id);
      assert.equal(copies.length, 2);
      assert.equal(copies[0]!.body, copies[1]!.body);
      refused(await call(`/${endpoint.id}/deliveries/whd_nope/replay`, { method: 'POST' }), 404, 'webhook_delivery_not_found');
      refused(await call(`/${endpoint.id}/deliveries?limit=0`), 400, 'invalid_request');
      await disable(endpoint.id);
    });

    it('a delivery its instance claimed and never finished (a crash) is sent after the lease ends', async () => {
      const endpoint = await register();
      receiver.secret = endpoint.secret;
      const [id] = await events(1);
      await publishEvents(db(), new Date());
      // What the crashed instance left: claimed for 60 s, never recorded.
      await db().updateTable('webhook_deliveries').set({ next_attempt_at: new Date(Date.now() + 60_000), attempts: 1 }).where('endpoint_id', '=', endpoint.id).where('status', '=', 'pending').execute();
      assert.equal((await deliver()).attempted, 0, 'not while the lease lasts');
      const report = await deliver({ now: () => new Date(Date.now() + 61_000) });
      assert.equal(report.delivered, 1);
      assert.ok(receiver.accepted.some((r) => r.id === id));
      await disable(endpoint.id);
    });

    it('retries with growing waits for three days, then gives up; an endpoint failing that long is disabled until enabled again', async () => {
      const endpoint = await register('https://hooks.example/failing');
      await events(1, 'fee.added');
      let now = new Date();
      const start = now.getTime();
      const failing: typeof fetch = () => Promise.resolve(new Response('down', { status: 500 }));
      const waits: number[] = [];
      for (let i = 0; i < 100; i++) {
        await deliver({ now: () => now, fetch: failing });
        const row = await db().selectFrom('webhook_deliveries').selectAll().where('endpoint_id', '=', endpoint.id).executeTakeFirstOrThrow();
        if (row.status !== 'pending') break;
        const next = new Date(row.next_attempt_at);
        waits.push(next.getTime() - now.getTime());
        now = next;
      }
      const row = await db().selectFrom('webhook_deliveries').selectAll().where('endpoint_id', '=', endpoint.id).executeTakeFirstOrThrow();
      assert.deepEqual([row.status, row.response_status, row.last_error], ['failed', 500, 'http_500']);
      assert.ok(row.attempts >= 15 && row.attempts <= 30, `attempts: ${row.attempts}`);
      assert.ok(now.getTime() - start >= RETRY_WINDOW_MS - 1_000, 'tried for three days');
      assert.ok(waits[0]! < 60_000 && waits[5]! > waits[0]!, 'waits grow');
      const shown = await call<WebhookEndpointView>(`/${endpoint.id}`);
      assert.deepEqual([shown.body.status, shown.body.disabledReason], ['disabled', 'failing_for_3_days']);

      // Disabled: new events queue nothing for it; a replay is refused until it is enabled again.
      await events(1, 'fee.added');
      await deliver({ now: () => now, fetch: failing });
      assert.equal(await pendingOf(endpoint.id), 0);
      refused(await call(`/${endpoint.id}/deliveries/${row.id}/replay`, { method: 'POST' }), 409, 'webhook_endpoint_disabled');
      const enabled = await call<WebhookEndpointView>(`/${endpoint.id}`, { method: 'PATCH', body: { enabled: true } });
      assert.deepEqual([enabled.body.status, enabled.body.failingSince], ['enabled', null]);
      assert.equal((await call(`/${endpoint.id}/deliveries/${row.id}/replay`, { method: 'POST' })).status, 202);
      const ok: typeof fetch = () => Promise.resolve(new Response(null, { status: 200 }));
      assert.equal((await deliver({ now: () => now, fetch: ok })).delivered, 1);
      await disable(endpoint.id);
    });

    if (backend.name === 'postgres') {
      it('two instances on one PostgreSQL: each event delivered by one of them, once', async () => {
        const endpoint = await register();
        receiver.secret = endpoint.secret;
        receiver.accepted.length = 0;
        const ids = await events(40);
        await publishEvents(db(), new Date());
        const second = await openDatabase({ url: harness.url! });
        try {
          let attempted = 0;
          for (let round = 0; round < 20 && (await pendingOf(endpoint.id)) > 0; round++) {
            const reports = await Promise.all([deliver({ batch: 7 }), deliver({ database: second, batch: 7 }), deliver({ batch: 7 }), deliver({ database: second, batch: 7 })]);
            attempted += reports.reduce((sum, r) => sum + r.attempted, 0);
          }
          assert.equal(attempted, 40, 'each delivery attempted once, by one instance');
          const counts = new Map<string, number>();
          for (const r of receiver.accepted) counts.set(r.id, (counts.get(r.id) ?? 0) + 1);
          assert.deepEqual([...counts.keys()].sort(), [...ids].sort());
          assert.ok([...counts.values()].every((n) => n === 1));
        } finally {
          await second.close();
        }
      });
    }
  });
}
