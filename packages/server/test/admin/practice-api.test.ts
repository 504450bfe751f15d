import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiErrorBodySchema, PracticeSchema } from '@billpay/sdk';
import { authenticateApiKey, createApiKey, listApiKeys, parseScopes, revokeApiKey } from '../../src/keys/keys.js';
import { adminCall, adminKey, insertPayment, otherPractice, twoPracticeApp, type AdminAnswer } from '../support/admin.js';
import { backends } from '../support/backends.js';
import { harborPoint, openHarness, type App, type Harness } from '../support/harness.js';

function refused(answer: AdminAnswer, status: number, code: string): void {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  const { error } = ApiErrorBodySchema.parse(answer.body);
  assert.equal(error.code, code);
  assert.ok(error.requestId);
  for (const [name] of answer.headers) assert.doesNotMatch(name, /^access-control-/, `no CORS header on the practice API (${name})`);
}

for (const backend of backends) {
  describe(`practice API keys and access (${backend.name})`, () => {
    let harness: Harness;
    let app: App;
    const logLines: string[] = [];
    const paymentId = 'pay_practiceapitest0001';

    before(async () => {
      harness = await openHarness(backend);
      app = twoPracticeApp(harness, logLines, { practiceApiRequestsPerMinute: 20 });
      await insertPayment(harness, paymentId);
    });
    after(async () => {
      await harness.close();
    });

    const auditOf = (requestId: string | null) => harness.database.db.selectFrom('audit_events').selectAll().where('request_id', '=', requestId ?? '').executeTakeFirstOrThrow();

    it('makes keys shown once and stored as hashes, lists them by id and revokes them', async () => {
      const { key, secret } = await createApiKey(harness.database.db, { practiceId: 'harbor-point', scopes: parseScopes('import,read'), name: 'Nightly import', now: harness.clock.now() });
      assert.match(secret, /^bp_live_[a-z2-7]{16}_[A-Za-z0-9_-]{43}$/);
      assert.equal(key.id, `key_${secret.slice(8, 24)}`);
      assert.ok(secret.startsWith(key.prefix) && key.prefix.length < 40);
      const row = await harness.database.db.selectFrom('api_keys').selectAll().where('id', '=', key.id).executeTakeFirstOrThrow();
      assert.match(row.secret_hash, /^[0-9a-f]{64}$/);
      assert.equal(JSON.stringify(row).includes(secret.slice(25)), false, 'the secret part is never stored');
      assert.deepEqual(row.scopes, ['import', 'read']);

      const listed = await listApiKeys(harness.database.db, 'harbor-point');
      assert.deepEqual(listed.find((k) => k.id === key.id), { ...key });
      assert.equal(JSON.stringify(listed).includes(secret), false);
      assert.equal((await listApiKeys(harness.database.db, otherPractice.id)).some((k) => k.id === key.id), false);

      assert.equal((await authenticateApiKey(harness.database.db, secret, harness.clock.now())).ok, true);
      assert.equal(await revokeApiKey(harness.database.db, key.id, harness.clock.now(), otherPractice.id), undefined, 'another practice cannot revoke it');
      const revoked = await revokeApiKey(harness.database.db, key.id, harness.clock.now(), 'harbor-point');
      assert.ok(revoked?.revokedAt);
      assert.deepEqual(await authenticateApiKey(harness.database.db, secret, harness.clock.now()), { ok: false, code: 'api_key_revoked', keyId: key.id, practiceId: 'harbor-point' });
      assert.throws(() => parseScopes('read,admin'), /"admin" is not a scope/);
      assert.throws(() => parseScopes(' , '), /at least one scope/);
    });

    it('answers a key with the read scope: the practice, and its payment with its refunds', async () => {
      const key = await adminKey(harness.database, 'harbor-point', ['read']);
      const practice = await adminCall(app, '/admin/v1/practice', key.secret);
      assert.equal(practice.status, 200, JSON.stringify(practice.body));
      assert.deepEqual(practice.body, PracticeSchema.parse(harborPoint));
      assert.equal(practice.headers.get('cache-control'), 'no-store');
      const payment = await adminCall<Record<string, unknown>>(app, `/admin/v1/payments/${paymentId}`, key.secret);
      assert.equal(payment.status, 200);
      assert.deepEqual(
        { ...payment.body, createdAt: undefined },
        { id: paymentId, confirmationNumber: 'TEST-0001', status: 'succeeded', amountCents: 2_500, refundedCents: 0, refundableCents: 2_500, method: { kind: 'card', brand: 'visa', last4: '4242', wallet: null }, processorReference: 'ch_test', statementId: null, takenBy: 'patient', takenByStaffId: null, declineCode: null, returnCode: null, createdAt: undefined, refunds: [] },
      );
      const audit = await auditOf(payment.headers.get('x-request-id'));
      assert.deepEqual([audit.action, audit.api_key_id, audit.practice_id, audit.detail], ['api_call', key.id, 'harbor-point', 'GET /admin/v1/payments/:id 200']);
      const used = await harness.database.db.selectFrom('api_keys').select('last_used_at').where('id', '=', key.id).executeTakeFirstOrThrow();
      assert.ok(used.last_used_at);
    });

    it('refuses, with a structured answer, and audits: no key, a malformed key, a wrong secret, a revoked key', async () => {
      const key = await adminKey(harness.database, 'harbor-point', ['read']);
      const wrongSecret = `${key.secret.slice(0, 25)}${key.secret.slice(25).split('').reverse().join('')}`;
      const revoked = await adminKey(harness.database, 'harbor-point', ['read']);
      await revokeApiKey(harness.database.db, revoked.id, harness.clock.now());
      const cases = [
        { key: undefined, code: 'api_key_required', keyId: null },
        { key: 'sk_test_not-ours', code: 'api_key_invalid', keyId: null },
        { key: `bp_live_${'a'.repeat(16)}_${'b'.repeat(43)}`, code: 'api_key_invalid', keyId: null },
        { key: wrongSecret, code: 'api_key_invalid', keyId: key.id },
        { key: revoked.secret, code: 'api_key_revoked', keyId: revoked.id },
      ];
      for (const { key: presented, code, keyId } of cases) {
        const answer = await adminCall(app, '/admin/v1/practice', presented);
        refused(answer, 401, code);
        assert.equal(answer.headers.get('www-authenticate'), 'Bearer');
        const audit = await auditOf(answer.headers.get('x-request-id'));
        assert.deepEqual([audit.action, audit.api_key_id, audit.detail], ['api_call_refused', keyId, `GET /admin/v1/* 401 ${code}`]);
        assert.match(audit.client_hash ?? '', /^[0-9a-f]{64}$/);
      }
      // A cookie or a query string is no way to send a key.
      refused(await adminCall(app, `/admin/v1/practice?key=${key.secret}`, undefined, { headers: { cookie: `key=${key.secret}` } }), 401, 'api_key_required');
    });

    it('refuses a key without the scope a call needs (403), and audits it with the key', async () => {
      const importOnly = await adminKey(harness.database, 'harbor-point', ['import']);
      const read = await adminCall(app, `/admin/v1/payments/${paymentId}`, importOnly.secret);
      refused(read, 403, 'insufficient_scope');
      const readOnly = await adminKey(harness.database, 'harbor-point', ['read']);
      const refund = await adminCall(app, `/admin/v1/payments/${paymentId}/refunds`, readOnly.secret, { body: { reason: 'duplicate' }, headers: { 'idempotency-key': 'scope-test-key-0001' } });
      refused(refund, 403, 'insufficient_scope');
      const audit = await auditOf(refund.headers.get('x-request-id'));
      assert.deepEqual([audit.action, audit.api_key_id, audit.practice_id, audit.detail], ['api_call_refused', readOnly.id, 'harbor-point', 'POST /admin/v1/payments/:id/refunds 403 insufficient_scope']);
      assert.equal(await harness.database.db.selectFrom('refunds').select('id').executeTakeFirst(), undefined);
    });

    it('never shows one practice’s payment to another practice’s key: not found, exactly as none', async () => {
      const other = await adminKey(harness.database, otherPractice.id, ['read', 'refunds']);
      const theirs = await adminCall(app, `/admin/v1/payments/${paymentId}`, other.secret);
      refused(theirs, 404, 'payment_not_found');
      const none = await adminCall(app, '/admin/v1/payments/pay_nosuchpayment', other.secret);
      refused(none, 404, 'payment_not_found');
      assert.equal(ApiErrorBodySchema.parse(theirs.body).error.message, ApiErrorBodySchema.parse(none.body).error.message);
      const refund = await adminCall(app, `/admin/v1/payments/${paymentId}/refunds`, other.secret, { body: { reason: 'duplicate' }, headers: { 'idempotency-key': 'other-practice-key-0001' } });
      refused(refund, 404, 'payment_not_found');
      const audit = await auditOf(theirs.headers.get('x-request-id'));
      assert.deepEqual([audit.action, audit.api_key_id, audit.practice_id], ['api_call_refused', other.id, otherPractice.id]);
      const practice = await adminCall<{ id: string }>(app, '/admin/v1/practice', other.secret);
      assert.equal(practice.body.id, otherPractice.id);
    });

    it('is never open to browsers: an Origin, a fetch from a page, a CORS preflight get no CORS headers and a 403', async () => {
      const key = await adminKey(harness.database, 'harbor-point', ['read']);
      const browsers: Record<string, string>[] = [{ origin: harborPoint.allowedOrigins[0]! }, { origin: 'https://evil.example' }, { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' }];
      for (const headers of browsers) {
        const answer = await adminCall(app, '/admin/v1/practice', key.secret, { headers });
        refused(answer, 403, 'browser_not_allowed');
        const audit = await auditOf(answer.headers.get('x-request-id'));
        assert.deepEqual([audit.action, audit.detail], ['api_call_refused', 'GET /admin/v1/* 403 browser_not_allowed']);
      }
      const preflight = await adminCall(app, '/admin/v1/payments/x/refunds', undefined, {
        method: 'OPTIONS',
        headers: { origin: harborPoint.allowedOrigins[0]!, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
      });
      refused(preflight, 403, 'browser_not_allowed');
    });

    it("serves a practice's server calling with Node's own fetch, which sends Sec-Fetch-Mode: cors and nothing else of a browser's", async () => {
      const key = await adminKey(harness.database, 'harbor-point', ['read']);
      const answer = await adminCall(app, '/admin/v1/practice', key.secret, { headers: { 'sec-fetch-mode': 'cors' } });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
    });

    it('limits the calls of each key, not of the others', async () => {
      const busy = await adminKey(harness.database, 'harbor-point', ['read']);
      const calm = await adminKey(harness.database, 'harbor-point', ['read']);
      const statuses = [];
      for (let i = 0; i < 21; i++) statuses.push((await adminCall(app, '/admin/v1/practice', busy.secret)).status);
      assert.deepEqual(statuses, [...Array<number>(20).fill(200), 429]);
      const limited = await adminCall(app, '/admin/v1/practice', busy.secret);
      refused(limited, 429, 'too_many_requests');
      assert.ok(Number(limited.headers.get('retry-after')) > 0);
      assert.equal((await adminCall(app, '/admin/v1/practice', calm.secret)).status, 200);
    });

    it('answers hostile input with a 4xx: a huge key, a huge or broken payment id, an unknown path', async () => {
      const key = await adminKey(harness.database, 'harbor-point', ['read', 'refunds']);
      refused(await adminCall(app, '/admin/v1/practice', `bp_live_${'a'.repeat(16)}_${'b'.repeat(10_000)}`), 401, 'api_key_invalid');
      refused(await adminCall(app, `/admin/v1/payments/${'p'.repeat(5_000)}`, key.secret), 404, 'payment_not_found');
      refused(await adminCall(app, `/admin/v1/payments/${'p'.repeat(5_000)}/refunds`, key.secret, { body: { reason: 'other' }, headers: { 'idempotency-key': 'hostile-input-key-0001' } }), 404, 'payment_not_found');
      refused(await adminCall(app, '/admin/v1/payments/%E0%A4%A/refunds', key.secret), 400, 'invalid_request');
      refused(await adminCall(app, `/admin/v1/payments/${paymentId}/refunds`, key.secret, { body: { reason: 'other', note: 'x'.repeat(2_000_000) }, headers: { 'idempotency-key': 'hostile-input-key-0002' } }), 413, 'payload_too_large');
      refused(await adminCall(app, '/admin/v1/nothing-here', key.secret), 404, 'not_found');
    });

    it('keeps keys out of the log and the audit trail', async () => {
      const keys = await harness.database.db.selectFrom('api_keys').select('secret_hash').execute();
      const trail = JSON.stringify(await harness.database.db.selectFrom('audit_events').selectAll().execute());
      const haystack = `${logLines.join('\n')}\n${trail}`;
      assert.equal(haystack.includes('bp_live_'), false, 'no key in the log or the audit trail');
      for (const { secret_hash: hash } of keys) assert.equal(haystack.includes(hash), false);
    });
  });
}
