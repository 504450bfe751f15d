/**
 * Standing fuzz test of both servers' edges. Every operation in the practice API's OpenAPI
 * document and every route of the processor is sent requests built from its own schema, mostly
 * valid so they reach the code behind validation, with hostile values mixed in: wrong types, NUL
 * and unpaired surrogates, huge strings and numbers, deep nesting, malformed percent-encoding in
 * paths and queries, bodies that are not JSON, and chunked bodies far over the limit. No answer
 * may be a 5xx, every refusal has the app's structured error body, the apps still answer
 * afterwards, and the heap does not keep what was sent.
 *
 * Reproduce a failure with the seed it prints: BILLPAY_FUZZ_SEED=<seed> (and BILLPAY_FUZZ_RUNS
 * for a longer run) node --import tsx --test test/fuzz.test.ts
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  addDays,
  ApiErrorBodySchema,
  BankTokenRequestSchema,
  CardTokenRequestSchema,
  WalletTokenRequestSchema,
} from '@billpay/sdk';
import {
  ChargeRequestSchema,
  ProcessorErrorBodySchema,
  RefundRequestSchema,
  SandboxClockRequestSchema,
} from '@billpay/sdk/processor';
import fc from 'fast-check';
import * as z from 'zod/mini';
import { createApp } from '../../src/http/app.js';
import { createLogger } from '../../src/log.js';
import { createSandboxAdapter } from '../../src/processor/sandbox/adapter.js';
import { backends } from '../support/backends.js';
import { ALLOWED_ORIGIN, demo, FROM_TEST_PROXY, harborPoint, openHarness, practices, SECRET, TEST_PROXIES, TODAY, type Harness } from '../support/harness.js';
import { CARDS, openProcessorHarness, PK, SK, type ProcessorHarness } from '../support/processor.js';

const SEED = Number(process.env.BILLPAY_FUZZ_SEED ?? 20261126);
const API_RUNS = Number(process.env.BILLPAY_FUZZ_RUNS ?? 1200);
const PROCESSOR_RUNS = Math.ceil(API_RUNS * 0.6);

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapMb = () => {
  gc();
  return process.memoryUsage().heapUsed / (1024 * 1024);
};

type JsonSchema = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// Values

/** Text no field should take, or that breaks naive code: the classes of issue 10, and more. */
const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\uD800',
    'x\uDFFFy',
    '\uDBFF',
    '😀'.repeat(40),
    '\u202Eevil',
    '%00',
    '%ZZ',
    '../../etc/passwd',
    "'; drop table accounts; --",
    '',
    ' ',
    '\t\n',
    '0',
    '-1',
    '1e309',
    'NaN',
    '__proto__',
    'constructor',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer({ min: 200, max: 20_000 }).map((n) => 'x'.repeat(n)),
);

const hostileNumber = fc.constantFrom(-1, -0, 0, 0.5, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, 2 ** 53, -(2 ** 31));

/** A value nested `depth` deep, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 1_500 }).map(nested) },
);

const isoDate = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

/**
 * Values for a JSON schema as zod writes it (object, array, string with pattern or length,
 * integer, enum, const, anyOf, oneOf): valid most of the time, so requests get past validation
 * into the handlers and the database, with a hostile value in place of any part now and then.
 */
function valueFor(schema: JsonSchema, known: Known, hostility: number | undefined = 8): fc.Arbitrary<unknown> {
  const valid = conforming(schema, known, hostility);
  return hostility === undefined ? valid : fc.oneof({ weight: hostility, arbitrary: valid }, { weight: 1, arbitrary: hostileValue });
}

/**
 * Realistic values by property name (the demo practice's ids, tokens the processor issued, dates
 * near today), preferred to what the schema alone would give, so requests reach the database.
 */
type Known = Readonly<Record<string, fc.Arbitrary<unknown>>>;

/** Valid values, with hostile ones mixed in at every level (1 in `hostility + 1`) unless it is `undefined`. */
function conforming(schema: JsonSchema, known: Known, hostility: number | undefined): fc.Arbitrary<unknown> {
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const branches = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (branches) return fc.oneof(...branches.map((branch) => valueFor(branch, known, hostility)));
  switch (schema.type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const record = Object.fromEntries(
        Object.entries(properties).map(([key, value]) => {
          const realistic = known[key];
          const generic = valueFor(value, known, hostility);
          return [key, realistic ? fc.oneof({ weight: 4, arbitrary: realistic }, { weight: 1, arbitrary: generic }) : generic];
        }),
      );
      const requiredKeys = ((schema.required ?? []) as string[]).filter((key) => key in properties);
      return fc.record(record, { requiredKeys });
    }
    case 'array':
      return fc.array(valueFor((schema.items ?? {}) as JsonSchema, known, hostility), {
        minLength: Number(schema.minItems ?? 0),
        maxLength: Math.min(Number(schema.maxItems ?? 4), 4),
      });
    case 'string': {
      const pattern = schema.pattern as string | undefined;
      if (pattern === '^\\d{4}-\\d{2}-\\d{2}$') return fc.oneof(isoDate, fc.stringMatching(new RegExp(pattern)));
      if (pattern) return fc.stringMatching(new RegExp(pattern));
      const minLength = Number(schema.minLength ?? 0);
      return fc.string({ minLength, maxLength: Math.max(minLength, Math.min(Number(schema.maxLength ?? 40), 120)) });
    }
    case 'integer': {
      const min = Number(schema.minimum ?? -1_000_000);
      const max = Number(schema.maximum ?? 1_000_000_000);
      return fc.oneof(fc.integer({ min, max: Math.min(max, min + 100_000) }), fc.integer({ min, max }));
    }
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Resolves a `$ref` into the document's components. */
function resolve(doc: { components: { schemas: Record<string, JsonSchema> } }, schema: JsonSchema): JsonSchema {
  const ref = schema.$ref as string | undefined;
  return ref ? doc.components.schemas[ref.replace('#/components/schemas/', '')]! : schema;
}

// ---------------------------------------------------------------------------------------------
// Addresses

/**
 * Percent-encodes any string, including what `encodeURIComponent` refuses: an unpaired
 * surrogate becomes the three bytes a careless encoder would write (`%ED%A0%80`).
 */
function encodeLoosely(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const pair = unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff;
    if (pair) {
      out += encodeURIComponent(text.slice(i, i + 2));
      i++;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((byte) => `%${byte.toString(16).toUpperCase()}`).join('');
    } else {
      out += encodeURIComponent(text[i]!);
    }
  }
  return out;
}

/** Already encoded, and wrong: what a hand-written client or an attacker puts in an address. */
const badEncodings = fc.constantFrom('%ZZ', '%E0', '%00', '%ED%A0%80', '%', '%%', '%C3', '%FF%FE', 'a%2', '%2e%2e', '%2F', '..', '%C0%AF');

/** One segment or query value: a real id (so handlers run), anything encoded, or bad encodings. */
const addressPart = (real: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...real).map(encodeURIComponent) },
    { weight: 2, arbitrary: fc.oneof(hostileString, fc.string({ maxLength: 30 })).map(encodeLoosely) },
    { weight: 2, arbitrary: fc.tuple(fc.string({ maxLength: 8 }), badEncodings, fc.string({ maxLength: 8 })).map(([a, bad, b]) => `${encodeLoosely(a)}${bad}${encodeLoosely(b)}`) },
  );

/** A query parameter: realistic for its name most of the time. */
const queryValue = (name: string, real: readonly string[], known: Readonly<Record<string, readonly string[]>>): fc.Arbitrary<string> => {
  const values = known[name];
  return values ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...values).map(encodeURIComponent) }, { weight: 1, arbitrary: addressPart(real) }) : addressPart(real);
};

/** A named parameter, usually sent; and now and then one no route expects (`extra`). */
const queryParameter = (name: string, real: readonly string[], known: Readonly<Record<string, readonly string[]>>): fc.Arbitrary<string | undefined> =>
  name === 'extra'
    ? fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: queryValue(name, real, known) })
    : fc.option(queryValue(name, real, known), { nil: undefined, freq: 6 });

/** Header values `Headers` accepts (Latin-1, no NUL, CR or LF), valid keys most of the time. */
const headerValue = fc.oneof(
  { weight: 8, arbitrary: fc.stringMatching(/^[A-Za-z0-9_.:-]{16,128}$/) },
  { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((code) => String.fromCharCode(code)), maxLength: 300 }) },
  { weight: 1, arbitrary: fc.constantFrom('plan:x-0000000000000000', 'plan-installment:1234567890abcdef', ' ', '') },
);

// ---------------------------------------------------------------------------------------------
// Requests

interface Operation {
  readonly method: string;
  /** With `{name}` or `:name` placeholders. */
  readonly path: string;
  readonly query: readonly string[];
  readonly body: JsonSchema | undefined;
}

type Body =
  | { readonly kind: 'json'; readonly value: unknown; readonly contentType: string }
  | { readonly kind: 'text'; readonly text: string; readonly contentType: string }
  | { readonly kind: 'chunked'; readonly chunks: number };

const bodyFor = (schema: JsonSchema | undefined, known: Known): fc.Arbitrary<Body | undefined> => {
  const json = (value: fc.Arbitrary<unknown>) =>
    fc.record({
      kind: fc.constant('json' as const),
      value,
      contentType: fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8') },
        { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'application/problem+json') },
      ),
    });
  return fc.oneof(
    // Valid throughout, to reach the handlers and the database; and valid but for a few parts.
    { weight: schema ? 8 : 0, arbitrary: json(schema ? valueFor(schema, known, undefined) : hostileValue) },
    { weight: schema ? 8 : 1, arbitrary: json(schema ? valueFor(schema, known, 12) : hostileValue) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: json(fc.jsonValue({ maxDepth: 4 })) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('text' as const),
        text: fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.integer({ min: 100, max: 8_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
          fc.constantFrom('{"a":', '{"a":"\\ud800"}', '{"a":"\\u0000"}', '\uFEFF{}', 'null', '[]', '"x"', '1e999', '{"__proto__":{"x":1}}'),
        ),
        contentType: fc.constant('application/json'),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('chunked' as const), chunks: fc.integer({ min: 1, max: 24 }) }) },
  );
};

/** A body of `chunks` × 64 KB with no Content-Length, made as it is read. */
function chunkedBody(chunks: number): ReadableStream<Uint8Array> {
  let sent = 0;
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  return new ReadableStream({
    pull(controller) {
      if (sent++ < chunks) controller.enqueue(chunk);
      else controller.close();
    },
  });
}

interface Built {
  readonly method: string;
  readonly url: string;
  readonly init: RequestInit & { duplex?: 'half' };
  readonly body: Body | undefined;
}

function build(operation: Operation, method: string, parts: Record<string, string>, query: Record<string, string | undefined>, headers: Record<string, string>, body: Body | undefined): Built {
  const path = operation.path.replace(/\{(\w+)\}|:(\w+)/g, (_, a: string | undefined, b: string | undefined) => parts[(a ?? b)!] ?? 'x');
  const search = Object.entries(query)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  const url = `${path}${search ? `?${search}` : ''}`;
  const canHaveBody = method !== 'GET' && method !== 'HEAD';
  const init: RequestInit & { duplex?: 'half' } = { method, headers: { ...headers } };
  if (canHaveBody && body) {
    if (body.kind === 'chunked') {
      init.body = chunkedBody(body.chunks);
      init.duplex = 'half';
    } else {
      (init.headers as Record<string, string>)['content-type'] = body.contentType;
      init.body = body.kind === 'json' ? JSON.stringify(body.value) : body.text;
    }
  }
  return { method, url, init, body: canHaveBody ? body : undefined };
}

const describeRequest = (built: Built) => `${built.method} ${built.url} ${built.body ? JSON.stringify(built.body).slice(0, 300) : ''}`;

/** Checks one answer: never a 5xx, a structured body on every refusal, 413 for a chunked body over the limit. */
async function check(built: Built, response: Response, errorSchema: z.ZodMiniType, seen: Statuses, key: string): Promise<void> {
  const text = await response.text();
  count(seen, key, response.status);
  assert.ok(response.status < 500, `${response.status} for ${describeRequest(built)}: ${text.slice(0, 300)}`);
  if (built.body?.kind === 'chunked' && built.body.chunks > 0 && response.status !== 405) {
    assert.equal(response.status, 413, `a chunked body over the limit: ${describeRequest(built)}`);
  }
  if (response.status >= 400 && built.method !== 'HEAD') {
    const parsed = errorSchema.safeParse(JSON.parse(text));
    assert.ok(parsed.success, `an unstructured ${response.status} for ${describeRequest(built)}: ${text.slice(0, 300)}`);
  }
}

const randomAddress = fc.ipV4();

/** How often each operation answered each status: printed, so a run shows how deep it reached. */
type Statuses = Map<string, Map<number, number>>;

function count(seen: Statuses, key: string, status: number): void {
  const statuses = seen.get(key) ?? new Map<number, number>();
  statuses.set(status, (statuses.get(status) ?? 0) + 1);
  seen.set(key, statuses);
}

function summary(seen: Statuses): string {
  return [...seen.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, statuses]) => `${key}: ${[...statuses.entries()].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`).join(' ')}`)
    .join('\n');
}

// ---------------------------------------------------------------------------------------------

for (const backend of backends) {
  describe(`fuzzing both servers (${backend.name}, seed ${SEED})`, () => {
    let h: Harness;
    let p: ProcessorHarness;
    let app: ReturnType<typeof createApp>;
    const logLines: string[] = [];
    let session: string;
    let statementIds: string[];
    before(async () => {
      h = await openHarness(backend);
      p = await openProcessorHarness(backend);
      const gateway = createSandboxAdapter({
        url: 'http://processor.test',
        secret: SECRET,
        fetch: async (input, init) => {
          const url = new URL(input instanceof Request ? input.url : String(input));
          return p.app.request(url.pathname + url.search, init);
        },
      });
      app = createApp({
        database: h.database,
        practices,
        logger: createLogger((line) => logLines.push(line)),
        secret: SECRET,
        now: h.clock.now,
        processor: gateway,
        trustedProxies: TEST_PROXIES,
      });
      session = await h.open('Rivera');
      const account = (await (await app.request('/v1/account', { headers: { authorization: `Bearer ${session}` } }, FROM_TEST_PROXY)).json()) as {
        statements: { id: string }[];
      };
      statementIds = account.statements.map((statement) => statement.id);
    });
    after(async () => {
      await h.close();
      await p.close();
    });

    /**
     * Whether a request may have ended the session: it was a DELETE (a sign-out), or the session
     * was refused (401). Only then is the session probed before the next request, not before each.
     */
    let sessionInDoubt = false;
    /** The session the fuzz uses, opened again if a request signed it out. */
    const liveSession = async (): Promise<string> => {
      if (!sessionInDoubt) return session;
      const probe = await app.request('/v1/account', { headers: { authorization: `Bearer ${session}` } }, FROM_TEST_PROXY);
      await probe.body?.cancel();
      if (probe.status === 401) session = await h.open('Rivera', { address: '192.0.2.200' });
      sessionInDoubt = false;
      return session;
    };

    it('answers every operation of the OpenAPI document with no 5xx and a structured error for every refusal', async (t) => {
      const doc = (await (await app.request('/v1/openapi.json')).json()) as {
        paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>>;
        components: { schemas: Record<string, JsonSchema> };
      };
      const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, operation]) => {
          const schema = operation.requestBody?.content['application/json']?.schema;
          return {
            method: method.toUpperCase(),
            path,
            query: (operation.parameters ?? []).filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name),
            body: schema ? resolve(doc, schema) : undefined,
          };
        }),
      );
      assert.ok(operations.length >= 15, 'the document lists the API');
      const realIds = ['harbor-point', 'gfe_demo1', 'pln_00000000000000000000', 'pay_00000000000000000000', ...statementIds];
      // Lookups go to the other demo accounts: the fuzz's own session is Rivera's, and must not lock.
      const others = (['Okafor', 'Chen', 'Novak', 'Haddad'] as const).map(demo);
      const tokens = [
        ...(await Promise.all([CARDS.visa, CARDS.visa, CARDS.visa, CARDS.declined, CARDS.wrongCvc, CARDS.amex].map((card) => p.cardToken(card)))),
        await p.bankToken(),
        await p.bankToken('000123450001'),
      ];
      const serviceIds = (harborPoint.priceList ?? []).map((service) => service.id);
      const soon = fc.integer({ min: -3, max: 60 }).map((days) => addDays(TODAY, days));
      const known: Known = {
        practice: fc.constant('harbor-point'),
        billId: fc.constantFrom(...others.map((account) => account.billId)),
        dateOfBirth: fc.oneof(fc.constantFrom(...others.map((account) => account.dateOfBirth)), isoDate),
        accountNumber: fc.constantFrom(...others.map((account) => account.accountNumber)),
        lastName: fc.constantFrom(...others.map((account) => account.lastName), 'Solís'),
        firstName: fc.constantFrom('Ana', 'José'),
        token: fc.constantFrom(...tokens),
        amountCents: fc.integer({ min: 100, max: 30_000 }),
        downPaymentCents: fc.integer({ min: 0, max: 5_000 }),
        payments: fc.integer({ min: 2, max: 24 }),
        firstDate: soon,
        scheduledDate: soon,
        serviceId: fc.constantFrom(...serviceIds),
        primaryServiceId: fc.constantFrom(...serviceIds),
        statementId: fc.constantFrom(...statementIds),
        text: fc.constant('I authorize Harbor Point Medical Group to debit my bank account once for the amount shown.'),
        acceptedAt: fc.constant(h.clock.current.toISOString()),
        email: fc.constant('ana@example.com'),
        phone: fc.constant('(555) 010-4477'),
      };
      const knownQuery = { practice: ['harbor-point'] };

      const request = fc.constantFrom(...operations).chain((operation) =>
        fc.record({
          operation: fc.constant(operation),
          method: fc.oneof({ weight: 12, arbitrary: fc.constant(operation.method) }, { weight: 1, arbitrary: fc.constantFrom('OPTIONS', 'HEAD', 'PUT', 'PATCH', 'DELETE', 'POST') }),
          parts: fc.record({ practiceId: addressPart(realIds), statementId: addressPart(realIds), paymentId: addressPart(realIds), planId: addressPart(realIds), estimateId: addressPart(realIds) }),
          query: fc.record(
            Object.fromEntries([...operation.query, 'extra'].map((name) => [name, queryParameter(name, realIds, knownQuery)])),
          ),
          auth: fc.constantFrom('session', 'session', 'session', 'session', 'none', 'garbage'),
          origin: fc.constantFrom(undefined, undefined, undefined, ALLOWED_ORIGIN, ALLOWED_ORIGIN, 'https://evil.example', 'null'),
          idempotencyKey: fc.option(headerValue, { nil: undefined, freq: 8 }),
          address: randomAddress,
          body: bodyFor(operation.body, known),
        }),
      );

      const seen: Statuses = new Map();
      const heapBefore = heapMb();
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          const headers: Record<string, string> = { 'x-forwarded-for': r.address };
          if (r.auth === 'session') headers.authorization = `Bearer ${await liveSession()}`;
          if (r.auth === 'garbage') headers.authorization = 'Bearer \u00ff\u00fe-not-a-token';
          if (r.origin) headers.origin = r.origin;
          if (r.idempotencyKey !== undefined) headers['idempotency-key'] = r.idempotencyKey;
          const built = build(r.operation, r.method, r.parts, r.query, headers, r.body);
          const response = await app.request(built.url, built.init, FROM_TEST_PROXY);
          if (r.auth === 'session' && (built.method === 'DELETE' || response.status === 401)) sessionInDoubt = true;
          await check(built, response, ApiErrorBodySchema, seen, `${r.operation.method} ${r.operation.path}`);
        }),
        { seed: SEED, numRuns: API_RUNS, endOnFailure: true },
      );
      const grown = heapMb() - heapBefore;
      t.diagnostic(`heap after the run: ${grown >= 0 ? '+' : ''}${grown.toFixed(1)} MB; statuses answered:\n${summary(seen)}`);

      for (const operation of operations) assert.ok(seen.get(`${operation.method} ${operation.path}`), `${operation.method} ${operation.path} was never tried`);
      assert.ok(grown < 64, `the heap grew by ${grown.toFixed(1)} MB`);
      // Still answering, and nothing was logged as an unhandled error.
      assert.equal((await app.request('/v1/health')).status, 200);
      assert.deepEqual(
        logLines.filter((line) => line.includes('"unhandled_error"')),
        [],
      );
    });

    it('answers every route of the processor with no 5xx and a structured error for every refusal', async (t) => {
      const bodies: Record<string, z.ZodMiniType> = {
        'POST /v1/tokens/card': CardTokenRequestSchema,
        'POST /v1/tokens/bank': BankTokenRequestSchema,
        'POST /v1/tokens/wallet': WalletTokenRequestSchema,
        'POST /v1/charges': ChargeRequestSchema,
        'POST /v1/refunds': RefundRequestSchema,
        'POST /v1/sandbox/clock': SandboxClockRequestSchema,
      };
      const jsonSchema = (schema: z.ZodMiniType) => z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as JsonSchema;
      const operations: Operation[] = p.app.routes
        .filter((route) => route.method !== 'ALL' && !route.path.includes('*'))
        .map((route) => {
          const schema = bodies[`${route.method} ${route.path}`];
          return {
            method: route.method,
            path: route.path,
            query: route.path === '/hosted/card' ? ['key', 'origin', 'lang'] : route.path === '/v1/charges' ? ['idempotency_key'] : route.path === '/v1/events' ? ['since'] : [],
            body: schema ? jsonSchema(schema) : undefined,
          };
        });
      const unique = [...new Map(operations.map((operation) => [`${operation.method} ${operation.path}`, operation])).values()];
      assert.ok(unique.length >= 12, 'the processor lists its routes');
      for (const key of Object.keys(bodies)) assert.ok(unique.some((operation) => `${operation.method} ${operation.path}` === key), `${key} is a route`);
      const tokens = [
        ...(await Promise.all([CARDS.visa, CARDS.visa, CARDS.declined, CARDS.expired, CARDS.mastercard2].map((card) => p.cardToken(card)))),
        await p.bankToken(),
      ];
      const charge = await p.charge({ token: await p.cardToken(CARDS.visa), amountCents: 5_000 }, 'fuzz-setup-charge-0001');
      assert.equal(charge.status, 201);
      const realIds = [...tokens, charge.body.id, 'ch_00000000000000000000', PK];
      const known: Known = {
        number: fc.constantFrom(...Object.values(CARDS)),
        expMonth: fc.integer({ min: 1, max: 12 }),
        expYear: fc.integer({ min: 2026, max: 2035 }),
        cvc: fc.constantFrom('123', '7391', '12'),
        name: fc.constantFrom('Ana Rivera', 'José Núñez'),
        postalCode: fc.constantFrom('06510', '10001'),
        routingNumber: fc.constantFrom('021000021', '011000015'),
        accountNumber: fc.constantFrom('000123456789', '000123450001'),
        holderName: fc.constant('Omar Haddad'),
        token: fc.constantFrom(...tokens),
        charge: fc.constant(charge.body.id),
        amountCents: fc.integer({ min: 1, max: 10_000 }),
        advanceDays: fc.integer({ min: 0, max: 3 }),
      };
      const knownQuery = { key: [PK], origin: [ALLOWED_ORIGIN], lang: ['en', 'es'], idempotency_key: ['fuzz-setup-charge-0001'], since: ['0', '1'] };

      const request = fc.constantFrom(...unique).chain((operation) =>
        fc.record({
          operation: fc.constant(operation),
          method: fc.oneof({ weight: 12, arbitrary: fc.constant(operation.method) }, { weight: 1, arbitrary: fc.constantFrom('OPTIONS', 'HEAD', 'PUT', 'DELETE') }),
          parts: fc.record({ id: addressPart(realIds) }),
          query: fc.record(
            Object.fromEntries([...operation.query, 'extra'].map((name) => [name, queryParameter(name, realIds, knownQuery)])),
          ),
          auth: fc.constantFrom('secret', 'secret', 'secret', 'publishable', 'none', 'garbage'),
          idempotencyKey: fc.option(headerValue, { nil: undefined, freq: 8 }),
          body: bodyFor(operation.body, known),
        }),
      );

      const seen: Statuses = new Map();
      const heapBefore = heapMb();
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          const headers: Record<string, string> = { origin: 'https://www.example.org' };
          if (r.auth === 'secret') headers.authorization = `Bearer ${SK}`;
          if (r.auth === 'publishable' || r.auth === 'secret') headers['x-billpay-key'] = PK;
          if (r.auth === 'garbage') headers.authorization = 'Bearer sk_test_\u00e9';
          if (r.idempotencyKey !== undefined) headers['idempotency-key'] = r.idempotencyKey;
          const built = build(r.operation, r.method, r.parts, r.query, headers, r.body);
          const response = await p.app.request(built.url, built.init);
          const html = (response.headers.get('content-type') ?? '').startsWith('text/');
          if (html && response.status < 400) {
            await response.body?.cancel();
            assert.ok(response.status < 500);
            count(seen, `${r.operation.method} ${r.operation.path}`, response.status);
            return;
          }
          await check(built, response, ProcessorErrorBodySchema, seen, `${r.operation.method} ${r.operation.path}`);
        }),
        { seed: SEED, numRuns: PROCESSOR_RUNS, endOnFailure: true },
      );
      const grown = heapMb() - heapBefore;
      t.diagnostic(`heap after the run: ${grown >= 0 ? '+' : ''}${grown.toFixed(1)} MB; statuses answered:\n${summary(seen)}`);

      for (const operation of unique) assert.ok(seen.get(`${operation.method} ${operation.path}`), `${operation.method} ${operation.path} was never tried`);
      assert.ok(grown < 64, `the heap grew by ${grown.toFixed(1)} MB`);
      assert.equal((await p.app.request('/v1/health')).status, 200);
      assert.equal(
        p.logLines.some((line) => line.includes('"processor_error"')),
        false,
      );
    });
  });
}
