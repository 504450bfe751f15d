/**
 * The OpenAPI document is generated from the routes (hono-openapi): every route of the practice
 * API is in it, with what it takes and what it answers, and nothing else is. A route added
 * without a description, or a command that reads a body it does not declare, fails here; the
 * fuzz test and the authorization matrix read their operations from the same document.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiErrorBodySchema, LookupRequestSchema, PaymentRequestSchema, PlanRequestSchema } from '@billpay/sdk';
import { Validator } from '@seriousme/openapi-schema-validator';
import * as z from 'zod/mini';
import { backends } from '../support/backends.js';
import { FROM_TEST_PROXY, openHarness, type Harness } from '../support/harness.js';

interface Operation {
  readonly operationId?: string;
  readonly summary?: string;
  readonly security?: unknown[];
  readonly parameters?: { name: string; in: string }[];
  readonly requestBody?: { required?: boolean; content: Record<string, { schema: { $ref?: string } }> };
  readonly responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>;
}

interface Document {
  readonly openapi: string;
  readonly paths: Record<string, Record<string, Operation>>;
  readonly components: { schemas: Record<string, unknown> };
}

/** Commands that take nothing but their path: each is named here on purpose, so a new one cannot forget its body. */
const WITHOUT_BODY = new Set(['POST /v1/plans/{planId}/cancel', 'DELETE /v1/session']);

const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

describe('the OpenAPI document', () => {
  let h: Harness;
  let doc: Document;
  let operations: { key: string; method: string; path: string; operation: Operation }[];

  before(async () => {
    h = await openHarness(backends[0]!);
    const response = await h.app.request('/v1/openapi.json');
    assert.equal(response.status, 200);
    doc = (await response.json()) as Document;
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), path, operation })),
    );
  });
  after(async () => {
    await h.close();
  });

  it('lists every route of the API, and only those, each with its summary, answers and path parameters', () => {
    const routes = new Map(
      h.app.routes
        .filter((route) => route.method !== 'ALL' && route.path.startsWith('/v1/') && !route.path.includes('*'))
        .map((route) => [`${route.method} ${openApiPath(route.path)}`, route.path]),
    );
    assert.ok(routes.size >= 18, [...routes.keys()].join(', '));
    for (const [key, path] of routes) {
      const operation = operations.find((candidate) => candidate.key === key)?.operation;
      assert.ok(operation, `${key} is not in the OpenAPI document: describe it (describeRoute) next to its handler`);
      assert.ok(operation.summary, `${key} has a summary`);
      assert.match(operation.operationId ?? '', /^[a-z][A-Za-z]+$/, `${key} has an operationId of its own`);
      assert.ok(
        Object.keys(operation.responses).some((status) => status.startsWith('2')),
        `${key} says what it answers`,
      );
      for (const [, name] of path.matchAll(/:(\w+)/g)) {
        assert.ok(operation.parameters?.some((parameter) => parameter.in === 'path' && parameter.name === name), `${key} has the path parameter ${name}`);
      }
    }
    assert.deepEqual(operations.map((operation) => operation.key).sort(), [...routes.keys()].sort());
  });

  it('declares the JSON body of every command, from the SDK wire schemas, and every refusal as the app problem', () => {
    for (const { key, method, operation } of operations) {
      if (method === 'GET') {
        assert.equal(operation.requestBody, undefined, key);
        continue;
      }
      if (WITHOUT_BODY.has(key)) {
        assert.equal(operation.requestBody, undefined, `${key} takes no body`);
        continue;
      }
      const ref = operation.requestBody?.content['application/json']?.schema.$ref;
      assert.ok(operation.requestBody?.required && ref, `${key} declares its body (jsonBody(Schema)), or is listed as taking none`);
      assert.ok(doc.components.schemas[ref.replace('#/components/schemas/', '')], `${key}: ${ref} is a component`);
      for (const status of ['400', '413', '415']) assert.ok(operation.responses[status], `${key} answers ${status}`);
    }
    for (const { key, operation } of operations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) >= 400) assert.equal(response.content?.['application/json']?.schema.$ref, '#/components/schemas/ApiError', `${key} ${status}`);
      }
    }
    // A request body is what a client may send (a field with a default may be left out), exactly as the SDK says.
    const input = (schema: z.ZodMiniType) => {
      const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
      return rest;
    };
    assert.deepEqual(doc.components.schemas.LookupRequest, input(LookupRequestSchema));
    assert.deepEqual(doc.components.schemas.PaymentRequest, input(PaymentRequestSchema));
    assert.deepEqual(doc.components.schemas.PlanRequest, input(PlanRequestSchema));
  });

  it('is a valid OpenAPI 3.1 document whose references all resolve', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc) as unknown as Record<string, unknown>);
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
    assert.equal(validator.version, '3.1');
    assert.doesNotThrow(() => validator.resolveRefs());
  });

  it('refuses a body every documented command cannot take with the app problem, before the handler runs', async () => {
    const session = await h.open('Rivera');
    const commands = operations.filter((operation) => operation.operation.requestBody);
    assert.ok(commands.length >= 6);
    for (const { key, method, path } of commands) {
      const send = (init: RequestInit) =>
        h.app.request(
          path.replace(/\{\w+\}/g, 'pln_00000000000000000000'),
          { method, ...init, headers: { authorization: `Bearer ${session}`, 'idempotency-key': `openapi-test-${crypto.randomUUID()}`, ...(init.headers as Record<string, string>) } },
          FROM_TEST_PROXY,
        );
      const answers = [
        [await send({ headers: { 'content-type': 'application/json' }, body: '[]' }), 400, 'invalid_request'],
        [await send({ headers: { 'content-type': 'application/json' }, body: '{"a":' }), 400, 'invalid_request'],
        [await send({ headers: { 'content-type': 'text/plain' }, body: '{}' }), 415, 'unsupported_media_type'],
        [await send({ headers: { 'content-type': 'application/json' }, body: new ReadableStream({ pull: (c) => c.enqueue(new Uint8Array(64 * 1024)) }), duplex: 'half' } as RequestInit), 413, 'payload_too_large'],
      ] as const;
      for (const [response, status, code] of answers) {
        assert.equal(response.status, status, key);
        assert.equal(ApiErrorBodySchema.parse(await response.json()).error.code, code, key);
      }
    }
  });
});
