/**
 * The practice API (`/admin/v1`) has its own OpenAPI document, generated from its routes as the
 * patient API's is: every route is in it with the scope its key needs, what it takes, what it
 * answers and its refusals as the app's problem body; the patient API's document lists none of it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { backends } from '../support/backends.js';
import { openHarness, type Harness } from '../support/harness.js';

interface Operation {
  readonly operationId?: string;
  readonly summary?: string;
  readonly security?: Record<string, string[]>[];
  readonly parameters?: { name: string; in: string }[];
  readonly requestBody?: { required?: boolean; content: Record<string, { schema: { $ref?: string } }> };
  readonly responses: Record<string, { description: string; content?: Record<string, { schema: { $ref?: string } }> }>;
}

interface Document {
  readonly openapi: string;
  readonly info: { title: string };
  readonly paths: Record<string, Record<string, Operation>>;
  readonly components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
}

const SCOPES = ['import', 'read', 'refunds', 'webhooks'];
/** The routes for the practice's staff signed in to the console only (no key may call them), and the roles that may. */
const STAFF_ONLY: Readonly<Record<string, readonly string[]>> = {
  'POST /admin/v1/accounts/{id}/payments': ['admin', 'billing'],
  'POST /admin/v1/accounts/{id}/message-preferences': ['admin', 'billing'],
  'GET /admin/v1/api-keys': ['admin'],
  'POST /admin/v1/api-keys': ['admin'],
  'POST /admin/v1/api-keys/{id}/revoke': ['admin'],
  'GET /admin/v1/settings': ['admin'],
  'PUT /admin/v1/settings': ['admin'],
};
const DOCUMENT = '/admin/v1/openapi.json';
const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

describe("the practice API's OpenAPI document", () => {
  let h: Harness;
  let doc: Document;
  let operations: { key: string; method: string; path: string; operation: Operation }[];

  before(async () => {
    h = await openHarness(backends[0]!);
    // No key is needed to read it.
    const response = await h.app.request(DOCUMENT);
    assert.equal(response.status, 200);
    doc = (await response.json()) as Document;
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), path, operation })),
    );
  });
  after(async () => {
    await h.close();
  });

  it('lists every practice API route, and only those, each with a summary, its answers and path parameters', () => {
    assert.equal(doc.info.title, 'billpay practice API');
    const routes = new Map(
      h.app.routes
        .filter((route) => route.method !== 'ALL' && route.path.startsWith('/admin/v1/') && !route.path.includes('*'))
        .map((route) => [`${route.method} ${openApiPath(route.path)}`, route.path]),
    );
    assert.ok(routes.size >= 27, [...routes.keys()].join(', '));
    for (const [key, path] of routes) {
      const operation = operations.find((candidate) => candidate.key === key)?.operation;
      assert.ok(operation, `${key} is not in the practice API's document: describe it (describeRoute) next to its handler`);
      assert.ok(operation.summary, `${key} has a summary`);
      assert.match(operation.operationId ?? '', /^[a-z][A-Za-z]+$/, `${key} has an operationId of its own`);
      assert.ok(Object.keys(operation.responses).some((status) => status.startsWith('2')), `${key} says what it answers`);
      for (const [, name] of path.matchAll(/:(\w+)/g)) {
        assert.ok(operation.parameters?.some((parameter) => parameter.in === 'path' && parameter.name === name), `${key} has the path parameter ${name}`);
      }
    }
    assert.deepEqual(operations.map((operation) => operation.key).sort(), [...routes.keys()].sort());
    const operationIds = operations.map(({ operation }) => operation.operationId);
    assert.equal(new Set(operationIds).size, operationIds.length, 'operationIds are unique');
  });

  it('names the one scope each call needs, and every way a key is refused', () => {
    for (const { key, operation } of operations) {
      if (key === `GET ${DOCUMENT}`) {
        assert.deepEqual(operation.security, [], 'the document needs no key');
        continue;
      }
      const roles = STAFF_ONLY[key];
      if (roles) {
        // No key may call it: the staff session is its one security, with the roles that may.
        assert.deepEqual(operation.security, [{ staffSession: roles }], `${key} is for staff signed in to the console only`);
        assert.match(operation.responses['401']?.description ?? '', /staff_session_required.*api_key_required/, key);
        assert.match(operation.responses['403']?.description ?? '', /(insufficient_role|staff_only).*csrf_token_invalid.*browser_not_allowed/, key);
        assert.match(operation.responses['429']?.description ?? '', /too_many_requests/, key);
        continue;
      }
      const scopes = operation.security?.map((requirement) => Object.values(requirement).flat());
      assert.equal(scopes?.length, 2, `${key}: a key, or a staff session`);
      assert.ok(scopes?.every((list) => list.length === 1 && SCOPES.includes(list[0]!) && list[0] === scopes[0]![0]), `${key} names one scope: ${JSON.stringify(operation.security)}`);
      assert.match(operation.responses['401']?.description ?? '', /api_key_required.*api_key_invalid.*api_key_revoked/, key);
      assert.match(operation.responses['403']?.description ?? '', /insufficient_scope.*browser_not_allowed/, key);
      assert.match(operation.responses['429']?.description ?? '', /too_many_requests/, key);
    }
    // No key may call these and only these (a route left out of STAFF_ONLY, or one that lets keys in, fails above or here).
    const keyless = operations.filter(({ key, operation }) => key !== `GET ${DOCUMENT}` && !operation.security?.some((requirement) => 'practiceKey' in requirement));
    assert.deepEqual(keyless.map(({ key }) => key).sort(), Object.keys(STAFF_ONLY).sort(), 'the staff-only operations are the ones listed');
    const scopeOf = (key: string) => operations.find((operation) => operation.key === key)?.operation.security?.[0]?.practiceKey;
    assert.deepEqual(scopeOf('POST /admin/v1/imports'), ['import']);
    assert.deepEqual(scopeOf('POST /admin/v1/payments/{id}/refunds'), ['refunds']);
    assert.deepEqual(scopeOf('GET /admin/v1/events'), ['read']);
    assert.deepEqual(scopeOf('DELETE /admin/v1/webhook-endpoints/{id}'), ['webhooks']);
  });

  it('gives each JSON answer and body a schema, and every refusal as the app problem with its codes', () => {
    for (const { key, method, operation } of operations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) >= 400) {
          assert.equal(response.content?.['application/json']?.schema.$ref, '#/components/schemas/ApiError', `${key} ${status}`);
          assert.match(response.description, /`[a-z_]+`/, `${key} ${status} names its problem codes`);
        } else if (response.content?.['application/json']) {
          assert.ok(Object.keys(response.content['application/json'].schema).length > 0, `${key} ${status} has a schema`);
        }
      }
      if (method === 'POST' || method === 'PATCH') {
        // A replay, a revocation, a statement sent again or a plan's method link takes no body: the path says it all.
        const bodiless = key.endsWith('/replay') || key.endsWith('/revoke') || key.endsWith('/resend') || key.endsWith('/method-link');
        assert.equal(Boolean(operation.requestBody?.required), !bodiless, `${key} declares its body`);
      }
    }
    for (const name of ['PracticePayment', 'Refund', 'AccountDetail', 'MoneyDay', 'PlanChangeResult', 'ApiError']) assert.ok(doc.components.schemas[name], name);
  });

  it('is a valid OpenAPI 3.1 document whose references all resolve', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc) as unknown as Record<string, unknown>);
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
    assert.doesNotThrow(() => validator.resolveRefs());
  });

  it("is apart from the patient API's document, which lists no practice API route", async () => {
    const patient = (await (await h.app.request('/v1/openapi.json')).json()) as Document;
    assert.equal(patient.info.title, 'billpay patient API');
    assert.deepEqual(Object.keys(patient.paths).filter((path) => !path.startsWith('/v1/')), []);
  });
});
