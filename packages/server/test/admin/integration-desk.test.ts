/**
 * The billing office's integration desk over `/admin/v1`, as the console calls it with a staff
 * session: imports kept with each statement's outcome and issues (admin and billing; a key with
 * `import`), webhook endpoints with their deliveries and replay (admin), API keys (admin signed in
 * to the console only, never a key). Each role, another practice's staff, no session; bad input
 * 4xx; every call in the audit trail with what it made. The answers are read with the SDK's schemas.
 */
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { ApiErrorBodySchema } from '@billpay/sdk';
import {
  ApiKeyListSchema,
  ImportResultSchema,
  ImportRunDetailSchema,
  ImportRunListSchema,
  NewApiKeySchema,
  NewWebhookEndpointSchema,
  WEBHOOK_EVENT_TYPES,
  WebhookDeliveryListSchema,
  WebhookDeliverySchema,
} from '@billpay/sdk/admin-integration';
import { EVENT_TYPES } from '../../src/db/events-migration.js';
import { importStatements } from '../../src/imports/import.js';
import { recordImportRun } from '../../src/imports/runs.js';
import { adminCall, adminKey, twoPracticeApp } from '../support/admin.js';
import { backends } from '../support/backends.js';
import { CONSOLE_ORIGIN, consoleTabs, type ConsoleTabs, type Tab } from '../support/console-tabs.js';
import { FROM_TEST_PROXY, harborPoint, openHarness, type App, type Harness } from '../support/harness.js';
import { statementLine as statement } from '../support/statements.js';

function refused(answer: { status: number; body: unknown }, status: number, code: string): void {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  assert.equal(ApiErrorBodySchema.parse(answer.body).error.code, code);
}

/** A file of two statements: T-1 valid, T-2 with a date of birth that is no day and a code that is no code. */
const BAD_RUN = [statement(1), statement(2, (s) => ((s.account.dateOfBirth = '1980-02-31'), (s.lineItems[0].code = '9'))), ''].join('\n');

describe('the SDK knows the events an endpoint may ask for', () => {
  it('lists the server’s event types, no more, no fewer', () => {
    assert.deepEqual([...WEBHOOK_EVENT_TYPES].sort(), [...EVENT_TYPES].sort());
  });
});

for (const backend of backends) {
  describe(`the integration desk (${backend.name})`, () => {
    let harness: Harness;
    let app: App;
    let tabs: ConsoleTabs;
    let admin: { staffId: string; tab: Tab };
    let billing: { staffId: string; tab: Tab };
    let readOnly: { staffId: string; tab: Tab };
    let lakesideAdmin: { staffId: string; tab: Tab };
    const send = <T>(tab: Tab, path: string, init?: Parameters<ConsoleTabs['send']>[2]) => tabs.send<T>(tab, path, init);
    const importAs = (tab: Tab, body: string, query = '') => send<unknown>(tab, `/admin/v1/imports${query}`, { body, contentType: 'application/x-ndjson' });

    before(async () => {
      harness = await openHarness(backend);
      app = twoPracticeApp(harness, [], { consoleOrigin: CONSOLE_ORIGIN, development: true });
      tabs = consoleTabs(app, harness);
      admin = await tabs.enrolled('admin');
      billing = await tabs.enrolled('billing');
      readOnly = await tabs.enrolled('read-only');
      lakesideAdmin = await tabs.enrolled('admin', 'lakeside-clinic');
    });
    after(async () => {
      await harness.close();
    });

    it('keeps an import with each statement’s outcome and issues, for admin and billing staff', async () => {
      const answer = await importAs(billing.tab, BAD_RUN);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      const result = ImportResultSchema.parse(answer.body);
      assert.deepEqual(result.counts, { created: 1, corrected: 0, unchanged: 0, rejected: 1 });
      assert.match(result.id, /^imp_[0-9a-f]{32}$/);

      for (const tab of [admin.tab, billing.tab]) {
        const list = await send(tab, '/admin/v1/imports');
        assert.equal(list.status, 200, JSON.stringify(list.body));
        const run = ImportRunListSchema.parse(list.body).data.find((r) => r.id === result.id);
        assert.deepEqual(run?.requestedBy, { apiKeyId: null, staffId: billing.staffId });
        assert.deepEqual([run?.source, run?.format, run?.dryRun], ['api', 'jsonl', false]);
      }
      const detail = ImportRunDetailSchema.parse((await send(admin.tab, `/admin/v1/imports/${result.id}`)).body);
      assert.deepEqual(
        detail.statements.data.map((s) => [s.position, s.line, s.statementId, s.accountId, s.outcome]),
        [
          [1, 1, 'T-ST-1', 'T-1', 'created'],
          [2, 2, 'T-ST-2', 'T-2', 'rejected'],
        ],
      );
      const issues = detail.statements.data[1]!.issues;
      assert.deepEqual(issues.map((i) => [i.line, i.field]).sort(), [[2, 'account.dateOfBirth'], [2, 'lineItems.0.code']]);
      // The same issues the import answered with, and no Bill ID kept.
      assert.deepEqual(issues, result.statements[1]!.issues);
      const rejectedOnly = ImportRunDetailSchema.parse((await send(admin.tab, `/admin/v1/imports/${result.id}?outcome=rejected`)).body);
      assert.deepEqual(rejectedOnly.statements.data.map((s) => s.statementId), ['T-ST-2']);
      const paged = ImportRunDetailSchema.parse((await send(admin.tab, `/admin/v1/imports/${result.id}?limit=1`)).body);
      assert.deepEqual([paged.statements.data.map((s) => s.position), paged.statements.hasMore], [[1], true]);
      const rest = ImportRunDetailSchema.parse((await send(admin.tab, `/admin/v1/imports/${result.id}?limit=1&after=1`)).body);
      assert.deepEqual([rest.statements.data.map((s) => s.position), rest.statements.hasMore], [[2], false]);
      const stored = await harness.database.db.selectFrom('import_run_statements').selectAll().where('run_id', '=', result.id).execute();
      assert.ok(stored.every((row) => !JSON.stringify(row).includes(result.statements[0]!.billId!)), 'no Bill ID is kept');

      // Audited: who imported, and which import it made.
      const audit = await harness.database.db.selectFrom('audit_events').selectAll().where('staff_id', '=', billing.staffId).where('detail', 'like', 'POST /admin/v1/imports %').executeTakeFirstOrThrow();
      assert.equal(audit.detail, `POST /admin/v1/imports 200 ${result.id}`);
    });

    it('keeps a dry run as one, a key’s import and the command’s too', async () => {
      const dry = ImportResultSchema.parse((await importAs(admin.tab, statement(3), '?dryRun=true')).body);
      assert.equal(dry.dryRun, true);
      const key = await adminKey(harness.database, harborPoint.id, ['import']);
      const sent = await app.request('/admin/v1/imports', { method: 'POST', headers: { authorization: `Bearer ${key.secret}`, 'content-type': 'application/x-ndjson' }, body: statement(4) }, FROM_TEST_PROXY);
      assert.equal(sent.status, 200);
      const keyRun = ImportResultSchema.parse(await sent.json());
      const bytes = Readable.from([new TextEncoder().encode(statement(5))]);
      const result = await importStatements(bytes, { db: harness.database.db, practice: harborPoint, format: 'jsonl', dryRun: false, now: harness.clock.now() });
      const commandRun = await recordImportRun(harness.database.db, { practiceId: harborPoint.id, format: 'jsonl', source: 'command', now: harness.clock.now() }, result);
      const runs = ImportRunListSchema.parse((await send(admin.tab, '/admin/v1/imports?limit=100')).body).data;
      const of = (id: string) => runs.find((r) => r.id === id);
      assert.equal(of(dry.id)?.dryRun, true);
      assert.deepEqual(of(keyRun.id)?.requestedBy, { apiKeyId: key.id, staffId: null });
      assert.equal(of(commandRun)?.source, 'command');
      // A key with `import` reads the imports too; one without does not.
      assert.equal((await adminCall(app, `/admin/v1/imports/${keyRun.id}`, key.secret)).status, 200);
      refused(await adminCall(app, '/admin/v1/imports', (await adminKey(harness.database, harborPoint.id, ['read'])).secret), 403, 'insufficient_scope');
    });

    it('refuses read-only staff, another practice’s staff and no session', async () => {
      const run = ImportRunListSchema.parse((await send(admin.tab, '/admin/v1/imports')).body).data[0]!;
      refused(await send(readOnly.tab, '/admin/v1/imports'), 403, 'insufficient_scope');
      refused(await send(readOnly.tab, `/admin/v1/imports/${run.id}`), 403, 'insufficient_scope');
      refused(await importAs(readOnly.tab, statement(6)), 403, 'insufficient_scope');
      refused(await send(lakesideAdmin.tab, `/admin/v1/imports/${run.id}`), 404, 'import_not_found');
      assert.equal(ImportRunListSchema.parse((await send(lakesideAdmin.tab, '/admin/v1/imports')).body).data.length, 0);
      refused(await send({}, '/admin/v1/imports'), 403, 'browser_not_allowed');
      refused(await adminCall(app, '/admin/v1/imports', undefined), 401, 'api_key_required');
      // Without the CSRF token, an upload is refused before it is read.
      refused(await send({ cookie: billing.tab.cookie }, '/admin/v1/imports', { body: statement(7), contentType: 'application/x-ndjson' }), 403, 'csrf_token_invalid');
    });

    it('answers bad input with 4xx', async () => {
      for (const query of ['?limit=0', '?limit=101', '?limit=x', `?before=${'x'.repeat(65)}`]) refused(await send(admin.tab, `/admin/v1/imports${query}`), 400, 'invalid_request');
      refused(await send(admin.tab, '/admin/v1/imports?before=imp_nosuch'), 404, 'import_not_found');
      const run = ImportRunListSchema.parse((await send(admin.tab, '/admin/v1/imports')).body).data[0]!;
      for (const query of ['?outcome=lost', '?limit=501', '?after=-1']) refused(await send(admin.tab, `/admin/v1/imports/${run.id}${query}`), 400, 'invalid_request');
      refused(await send(admin.tab, `/admin/v1/imports/${'x'.repeat(65)}`), 404, 'import_not_found');
      refused(await send(admin.tab, '/admin/v1/imports/imp_nosuch'), 404, 'import_not_found');
      refused(await send(admin.tab, '/admin/v1/imports', { body: 'a,b', contentType: 'text/plain' }), 415, 'unsupported_media_type');
      refused(await send(admin.tab, '/admin/v1/api-keys', { body: { name: '', scopes: ['read'] } }), 400, 'invalid_request');
      refused(await send(admin.tab, '/admin/v1/api-keys', { body: { name: 'x', scopes: [] } }), 400, 'invalid_request');
      refused(await send(admin.tab, '/admin/v1/api-keys', { body: { name: 'x', scopes: ['read', 'read'] } }), 400, 'invalid_request');
      refused(await send(admin.tab, '/admin/v1/api-keys', { body: { name: 'x', scopes: ['admin'] } }), 400, 'invalid_request');
      refused(await send(admin.tab, '/admin/v1/api-keys', { body: { name: 'x'.repeat(101), scopes: ['read'] } }), 400, 'invalid_request');
      refused(await send(admin.tab, '/admin/v1/api-keys', { body: 'not json', contentType: 'application/json' }), 400, 'invalid_request');
      refused(await send(admin.tab, `/admin/v1/api-keys/${'k'.repeat(65)}/revoke`, { method: 'POST' }), 404, 'api_key_not_found');
      refused(await send(admin.tab, '/admin/v1/webhook-endpoints', { body: { url: 'ftp://x.example', eventTypes: ['fee.added'] } }), 422, 'webhook_url_not_allowed');
    });

    it('lets an admin make, list and revoke API keys (the key shown once), and no one else', async () => {
      const made = await send<unknown>(admin.tab, '/admin/v1/api-keys', { body: { name: ' Practice system ', scopes: ['read', 'import'] } });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      const { key, secret } = NewApiKeySchema.parse(made.body);
      assert.deepEqual([key.name, key.scopes, key.practiceId], ['Practice system', ['read', 'import'], 'harbor-point']);
      assert.equal((await adminCall(app, '/admin/v1/practice', secret)).status, 200);
      const list = ApiKeyListSchema.parse((await send(admin.tab, '/admin/v1/api-keys')).body).data;
      assert.ok(list.some((k) => k.id === key.id));
      assert.ok(!JSON.stringify(list).includes(secret), 'a list never shows a secret');
      assert.equal(ApiKeyListSchema.parse((await send(lakesideAdmin.tab, '/admin/v1/api-keys')).body).data.some((k) => k.id === key.id), false);

      for (const tab of [billing.tab, readOnly.tab]) {
        refused(await send(tab, '/admin/v1/api-keys'), 403, 'insufficient_role');
        refused(await send(tab, '/admin/v1/api-keys', { body: { name: 'x', scopes: ['read'] } }), 403, 'insufficient_role');
        refused(await send(tab, `/admin/v1/api-keys/${key.id}/revoke`, { method: 'POST' }), 403, 'insufficient_role');
      }
      // A key, even one with every scope, makes no key.
      const everything = await adminKey(harness.database, harborPoint.id, ['import', 'read', 'refunds', 'webhooks']);
      refused(await adminCall(app, '/admin/v1/api-keys', everything.secret, { body: { name: 'x', scopes: ['read'] } }), 403, 'insufficient_role');
      refused(await adminCall(app, '/admin/v1/api-keys', everything.secret), 403, 'insufficient_role');
      refused(await send({}, '/admin/v1/api-keys'), 403, 'browser_not_allowed');
      // Another practice's admin cannot revoke it: not found, as if it did not exist.
      refused(await send(lakesideAdmin.tab, `/admin/v1/api-keys/${key.id}/revoke`, { method: 'POST' }), 404, 'api_key_not_found');

      const revoked = await send<{ revokedAt: string | null }>(admin.tab, `/admin/v1/api-keys/${key.id}/revoke`, { method: 'POST' });
      assert.equal(revoked.status, 200);
      assert.ok(revoked.body.revokedAt);
      refused(await adminCall(app, '/admin/v1/practice', secret), 401, 'api_key_revoked');

      const audit = await harness.database.db.selectFrom('audit_events').select(['detail', 'action']).where('staff_id', '=', admin.staffId).where('detail', 'like', '%/admin/v1/api-keys%').orderBy('at').execute();
      assert.ok(audit.some((row) => row.detail === `POST /admin/v1/api-keys 201 ${key.id}`), JSON.stringify(audit));
      assert.ok(audit.some((row) => row.detail === `POST /admin/v1/api-keys/:id/revoke 200 ${key.id}`), JSON.stringify(audit));
      const refusedRow = await harness.database.db.selectFrom('audit_events').select('detail').where('staff_id', '=', billing.staffId).where('action', '=', 'api_call_refused').where('detail', 'like', '%api-keys%').executeTakeFirstOrThrow();
      // The role check is the route's own (as a scope's is): the audit row names the route.
      assert.match(refusedRow.detail!, /^GET \/admin\/v1\/api-keys 403 insufficient_role$/);
    });

    it('lets an admin add a webhook endpoint (secret once), read its deliveries, replay one and disable it; billing and read-only may not', async () => {
      const made = await send<unknown>(admin.tab, '/admin/v1/webhook-endpoints', { body: { url: 'http://localhost:9/hooks', eventTypes: ['fee.added'] } });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      const endpoint = NewWebhookEndpointSchema.parse(made.body);
      assert.match(endpoint.secret, /^whsec_/);
      // A delivery of an event, as the publisher queues it.
      const db = harness.database.db;
      const event = await db.insertInto('events').values({ public_id: `evt_${'1'.repeat(32)}`, seq: null, practice_id: 'harbor-point', type: 'fee.added', data: JSON.stringify({ amountCents: 100 }), created_at: harness.clock.now() }).returning('id').executeTakeFirstOrThrow();
      await db.insertInto('webhook_deliveries').values({ id: 'whd_integration_1', event_id: event.id, endpoint_id: endpoint.id, practice_id: 'harbor-point', status: 'delivered', next_attempt_at: harness.clock.now(), replay_of: null, created_at: harness.clock.now(), last_attempt_at: harness.clock.now(), attempts: 1, response_status: 204, last_error: null, delivered_at: harness.clock.now() }).execute();

      const log = WebhookDeliveryListSchema.parse((await send(admin.tab, `/admin/v1/webhook-endpoints/${endpoint.id}/deliveries`)).body);
      assert.deepEqual(log.data.map((d) => [d.id, d.eventType, d.status, d.responseStatus]), [['whd_integration_1', 'fee.added', 'delivered', 204]]);
      const replayed = await send<unknown>(admin.tab, `/admin/v1/webhook-endpoints/${endpoint.id}/deliveries/whd_integration_1/replay`, { method: 'POST' });
      assert.equal(replayed.status, 202, JSON.stringify(replayed.body));
      const replay = WebhookDeliverySchema.parse(replayed.body);
      assert.deepEqual([replay.replayOf, replay.status], ['whd_integration_1', 'pending']);
      const audit = await db.selectFrom('audit_events').select('detail').where('staff_id', '=', admin.staffId).where('detail', 'like', '%/replay%').executeTakeFirstOrThrow();
      assert.equal(audit.detail, `POST /admin/v1/webhook-endpoints/:id/deliveries/:deliveryId/replay 202 ${replay.id}`);

      for (const tab of [billing.tab, readOnly.tab]) {
        refused(await send(tab, '/admin/v1/webhook-endpoints'), 403, 'insufficient_scope');
        refused(await send(tab, `/admin/v1/webhook-endpoints/${endpoint.id}/deliveries`), 403, 'insufficient_scope');
        refused(await send(tab, `/admin/v1/webhook-endpoints/${endpoint.id}/deliveries/whd_integration_1/replay`, { method: 'POST' }), 403, 'insufficient_scope');
        refused(await send(tab, `/admin/v1/webhook-endpoints/${endpoint.id}`, { method: 'PATCH', body: { enabled: false } }), 403, 'insufficient_scope');
      }
      refused(await send(lakesideAdmin.tab, `/admin/v1/webhook-endpoints/${endpoint.id}/deliveries`), 404, 'webhook_endpoint_not_found');
      refused(await send(lakesideAdmin.tab, `/admin/v1/webhook-endpoints/${endpoint.id}/deliveries/whd_integration_1/replay`, { method: 'POST' }), 404, 'webhook_endpoint_not_found');

      const disabled = await send<{ status: string; disabledReason: string }>(admin.tab, `/admin/v1/webhook-endpoints/${endpoint.id}`, { method: 'PATCH', body: { enabled: false } });
      assert.deepEqual([disabled.status, disabled.body.status, disabled.body.disabledReason], [200, 'disabled', 'disabled_by_practice']);
      refused(await send(admin.tab, `/admin/v1/webhook-endpoints/${endpoint.id}/deliveries/whd_integration_1/replay`, { method: 'POST' }), 409, 'webhook_endpoint_disabled');
    });

    it('ends with the session: an expired or signed-out tab is asked to sign in', async () => {
      const { tab } = await tabs.enrolled('admin');
      assert.equal((await send(tab, '/admin/v1/api-keys')).status, 200);
      harness.clock.advance(16);
      const after = await send<Record<string, unknown>>(tab, '/admin/v1/api-keys');
      refused(after, 401, 'staff_session_required');
    });
  });
}
