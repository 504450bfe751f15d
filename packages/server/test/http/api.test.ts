import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiErrorBodySchema, PracticeSchema } from '@billpay/sdk';
import { apiErrorCodeOf, type BillPayErrorCode } from '@billpay/sdk/errors';
import type { DomainErrorCode } from '../../src/domain/errors.js';
import type { BillPayDatabase } from '../../src/db/database.js';
import { createApp } from '../../src/http/app.js';
import { createLogger } from '../../src/log.js';
import { loadPractices } from '../../src/practices/practices.js';
import { defaults } from '../../src/server.js';
import { backends } from '../support/backends.js';

const practices = await loadPractices(defaults.practicesDir);

for (const backend of backends) {
  describe(`practice API (${backend.name})`, () => {
    let handle: { database: BillPayDatabase; drop(): Promise<void> };
    let app: ReturnType<typeof createApp>;
    const logLines: string[] = [];

    before(async () => {
      handle = await backend.create();
      app = createApp({ database: handle.database, practices, logger: createLogger((line) => logLines.push(line)), secret: 'test-secret-test-secret-test-secret' });
    });
    after(async () => {
      await handle.database.close();
      await handle.drop();
    });

    it('answers health with the database in use', async () => {
      const response = await app.request('/v1/health');
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { status: 'ok', database: backend.name });
    });

    it('returns what the widget may show about a practice, and nothing else', async () => {
      const response = await app.request('/v1/practices/harbor-point');
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('cache-control'), 'no-store');
      const body = (await response.json()) as Record<string, unknown>;
      const practice = PracticeSchema.parse(body);
      assert.equal(practice.name, 'Harbor Point Medical Group');
      assert.equal(practice.policies.returnedPaymentFeeCents, 3_000);
      for (const secret of ['allowedOrigins', 'providers', 'priceList', 'planPolicy']) {
        assert.equal(secret in body, false, `${secret} must not be public`);
      }
    });

    it('answers an unknown practice and an unknown route with a structured 404', async () => {
      for (const path of ['/v1/practices/nowhere', '/v1/no-such-thing']) {
        const response = await app.request(path);
        assert.equal(response.status, 404);
        const body = ApiErrorBodySchema.parse(await response.json());
        assert.ok(body.error.code.length > 0);
        assert.ok(body.error.requestId);
      }
    });

    it('allows CORS only for the origins the practice lists', async () => {
      const allowed = await app.request('/v1/practices/harbor-point', { headers: { origin: 'http://localhost:8787' } });
      assert.equal(allowed.headers.get('access-control-allow-origin'), 'http://localhost:8787');
      assert.equal(allowed.headers.get('access-control-allow-credentials'), null);

      // Another origin may read why it is refused (and only that): the origin and the setting.
      const foreign = await app.request('/v1/practices/harbor-point', { headers: { origin: 'https://new-site.example' } });
      assert.equal(foreign.status, 403);
      assert.equal(foreign.headers.get('access-control-allow-origin'), 'https://new-site.example');
      const why = ApiErrorBodySchema.parse(await foreign.json()).error;
      assert.equal(why.code, 'origin_not_allowed');
      assert.match(why.message, /https:\/\/new-site\.example.*allowedOrigins of practice harbor-point/);
      assert.doesNotMatch(why.message, /localhost:8787/, 'never lists the origins allowed');
      // Other routes still answer another origin nothing it can read.
      const other = await app.request('/v1/price-list?practice=harbor-point', { headers: { origin: 'https://new-site.example' } });
      assert.equal(other.headers.get('access-control-allow-origin'), null);

      const preflight = await app.request('/v1/practices/harbor-point', {
        method: 'OPTIONS',
        headers: { origin: 'http://localhost:8787', 'access-control-request-method': 'GET' },
      });
      assert.equal(preflight.status, 204);
      assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Idempotency-Key/);

      const refused = await app.request('/v1/practices/harbor-point', {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
      });
      assert.equal(refused.status, 403);
      assert.equal(ApiErrorBodySchema.parse(await refused.json()).error.code, 'origin_not_allowed');
    });

    it('answers only refusal codes the SDK knows (a new one fails the type-check until the SDK lists it)', () => {
      // Every domain refusal's code is in the SDK's closed union of error codes.
      const unknownToSdk: [Exclude<DomainErrorCode, BillPayErrorCode>] extends [never] ? 'none' : Exclude<DomainErrorCode, BillPayErrorCode> = 'none';
      assert.equal(unknownToSdk, 'none');
      assert.equal(apiErrorCodeOf('plan_busy'), 'plan_busy');
      assert.equal(apiErrorCodeOf('installment_too_small'), 'installment_too_small');
      assert.equal(apiErrorCodeOf('brand_new'), 'unknown_error');
    });

    it('publishes an OpenAPI 3.1 document generated from the wire schemas', async () => {
      const response = await app.request('/v1/openapi.json');
      assert.equal(response.status, 200);
      const doc = (await response.json()) as {
        openapi: string;
        paths: Record<string, unknown>;
        components: { schemas: Record<string, { properties?: Record<string, { type?: string }>; required?: string[] }> };
      };
      assert.equal(doc.openapi, '3.1.0');
      assert.ok(doc.paths['/v1/practices/{practiceId}']);
      const practice = doc.components.schemas.Practice!;
      assert.deepEqual(practice.required?.includes('policies'), true);
      assert.equal(doc.components.schemas.ApiError?.properties?.error?.type, 'object');
    });

    it('documents lookups, the account, statements and sign-out, with bearer security', async () => {
      const doc = (await (await app.request('/v1/openapi.json')).json()) as {
        paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>>;
        components: { schemas: Record<string, unknown>; securitySchemes: Record<string, { type: string; scheme: string }> };
      };
      assert.deepEqual(doc.components.securitySchemes.bearer, { type: 'http', scheme: 'bearer', description: 'The token `POST /v1/lookups` returned' });
      const lookup = doc.paths['/v1/lookups']?.post;
      assert.deepEqual(Object.keys(lookup?.responses ?? {}).sort(), ['201', '400', '401', '403', '404', '413', '415', '429']);
      assert.equal(lookup?.security, undefined);
      for (const [path, method] of [
        ['/v1/account', 'get'],
        ['/v1/statements/{statementId}', 'get'],
        ['/v1/session', 'delete'],
        ['/v1/payments', 'post'],
        ['/v1/payments/{paymentId}', 'get'],
      ] as const) {
        const operation = doc.paths[path]?.[method];
        assert.deepEqual(operation?.security, [{ bearer: [] }], path);
        assert.ok(operation?.responses['401'], path);
      }
      for (const name of ['LookupRequest', 'LookupResponse', 'Account', 'Statement', 'PaymentRequest', 'Payment']) assert.ok(doc.components.schemas[name], name);
      assert.deepEqual(Object.keys(doc.paths['/v1/payments']?.post?.responses ?? {}).sort(), ['201', '400', '401', '402', '403', '409', '413', '415', '422', '503']);
    });

    it('logs each request by route pattern, never by raw URL', async () => {
      logLines.length = 0;
      await app.request('/v1/practices/harbor-point?bill=202511040018&dob=1984-03-09');
      assert.equal(logLines.length, 1);
      const entry = JSON.parse(logLines[0]!) as Record<string, unknown>;
      assert.equal(entry.route, '/v1/practices/:practiceId');
      assert.equal(entry.status, 200);
      assert.doesNotMatch(logLines[0]!, /202511040018|1984-03-09|bill=/);
    });
  });
}
