/**
 * An in-memory billing API for Storybook and element tests: the same routes, the same wire
 * schemas and the same demo practice as the real server, answered without a network, so every
 * state of every element can be shown offline. Hand its `fetch` to `createBillPayClient`.
 */
import {
  AccountSchema,
  ApiErrorBodySchema,
  createBillPayClient,
  HealthSchema,
  localToday,
  LookupRequestSchema,
  LookupResponseSchema,
  normalizeBillId,
  PracticeSchema,
  StatementSchema,
  type Account,
  type BillPayClient,
  type Practice,
} from '@billpay/sdk';
import { buildDemoAccount, demoAccounts } from './demo-accounts.js';
import harborPoint from '../../packages/server/practices/harbor-point.json' with { type: 'json' };

export type FakeFailure = 'network' | 'server-error' | 'not-found' | 'invalid-response';

export interface FakeApiOptions {
  /** Milliseconds every answer waits; `Infinity` never answers (the loading state). */
  delayMs?: number;
  /** Makes every request fail this way until `recover()` is called. */
  failure?: FakeFailure | undefined;
  practices?: readonly Practice[];
  /** The day the demo data is judged on; default the browser's today. */
  today?: string;
  /** Start with every lookup locked until this moment (the locked-out state). */
  lockedUntil?: Date;
}

export interface FakeApi {
  readonly fetch: typeof globalThis.fetch;
  /** Requests received, as "METHOD /path". */
  readonly requests: string[];
  fail(failure: FakeFailure): void;
  recover(): void;
  /** Lifts every lockout, as if the waiting time had passed. */
  unlock(): void;
  /** Ends every session, as 15 idle minutes would. */
  expireSessions(): void;
  client(options?: { practice?: string }): BillPayClient;
}

export const FAKE_API_ORIGIN = 'https://billing.fake.test';

/** The demo practice, as `GET /v1/practices/harbor-point` answers it. */
export const demoPractice: Practice = PracticeSchema.parse({
  ...harborPoint,
  // The real API serves the logo from its origin; offline, Storybook and the test runner serve
  // the demo site's copy at /demo/assets/ on their own origin.
  logo: { ...harborPoint.logo, url: new URL('/demo/assets/harbor-point-logo.svg', globalThis.location.href).href },
});

/** Failed lookups for one identifier before it locks, and how long it stays locked. */
const MAX_FAILURES = 5;
const LOCK_MS = 15 * 60_000;

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, '');

export function createFakeApi(options: FakeApiOptions = {}): FakeApi {
  const practices = new Map((options.practices ?? [demoPractice]).map((practice) => [practice.id, practice]));
  let failure = options.failure;
  const requests: string[] = [];
  const today = options.today ?? localToday();
  const built = demoAccounts.map((demo) => ({ demo, ...buildDemoAccount(demo, demoPractice.policies, today) }));
  const sessions = new Map<string, (typeof built)[number]>();
  const failures = new Map<string, number>();
  const lockedUntil = new Map<string, number>();
  let globalLock = options.lockedUntil?.getTime() ?? 0;

  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const problem = (status: number, code: string, message: string) =>
    json(status, ApiErrorBodySchema.parse({ error: { code, message } }));

  const lockedAnswer = (until: number) =>
    json(
      429,
      ApiErrorBodySchema.parse({
        error: { code: 'locked_out', message: 'Too many attempts.', retryAt: new Date(until).toISOString() },
      }),
    );

  const lookup = (body: unknown): Response => {
    const parsed = LookupRequestSchema.safeParse(body);
    if (!parsed.success) return problem(400, 'invalid_request', 'Some fields are missing or invalid.');
    const input = parsed.data;
    if (globalLock > Date.now()) return lockedAnswer(globalLock);
    const key = 'billId' in input ? `bill:${input.billId}` : `acct:${fold(input.accountNumber)}`;
    const until = lockedUntil.get(key) ?? 0;
    if (until > Date.now()) return lockedAnswer(until);
    if ('billId' in input && !normalizeBillId(input.billId).ok) return problem(400, 'invalid_request', 'Check the Bill ID.');
    const match = built.find(({ demo }) =>
      'billId' in input
        ? demo.billId === input.billId && demo.dateOfBirth === input.dateOfBirth
        : fold(demo.accountNumber) === fold(input.accountNumber) && fold(demo.lastName) === fold(input.lastName),
    );
    if (!match) {
      const count = (failures.get(key) ?? 0) + 1;
      failures.set(key, count);
      if (count >= MAX_FAILURES) {
        lockedUntil.set(key, Date.now() + LOCK_MS);
        failures.delete(key);
      }
      return problem(401, 'lookup_failed', 'No bill matches those details.');
    }
    failures.delete(key);
    const token = `fake-${crypto.randomUUID()}-${crypto.randomUUID()}`;
    sessions.set(token, match);
    return json(201, LookupResponseSchema.parse({ token, idleTimeoutSeconds: 900, account: match.account }));
  };

  const route = (method: string, path: string, authorization: string | null, body: unknown): Response => {
    if (method === 'GET' && path === '/v1/health') return json(200, HealthSchema.parse({ status: 'ok', database: 'pglite' }));
    if (method === 'POST' && path === '/v1/lookups') return lookup(body);
    const session = sessions.get(authorization?.replace(/^Bearer /, '') ?? '');
    if (path === '/v1/account' || path === '/v1/session' || path.startsWith('/v1/statements/')) {
      if (!session) return problem(401, 'session_expired', 'Your session has ended.');
      if (method === 'GET' && path === '/v1/account') return json(200, AccountSchema.parse(session.account));
      if (method === 'DELETE' && path === '/v1/session') {
        sessions.delete(authorization?.replace(/^Bearer /, '') ?? '');
        return new Response(null, { status: 204 });
      }
      const statement = session.statements.get(decodeURIComponent(path.slice('/v1/statements/'.length)));
      if (method === 'GET' && statement) return json(200, StatementSchema.parse(statement));
      return problem(404, 'statement_not_found', 'There is no such statement on this account.');
    }
    const practiceMatch = /^\/v1\/practices\/([^/]+)$/.exec(path);
    if (method === 'GET' && practiceMatch) {
      const practice = practices.get(decodeURIComponent(practiceMatch[1] ?? ''));
      return practice ? json(200, practice) : problem(404, 'practice_not_found', 'There is no practice with that id.');
    }
    return problem(404, 'not_found', `There is no ${method} ${path} in this API.`);
  };

  const fakeFetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    requests.push(`${request.method} ${path}`);
    const delay = options.delayMs ?? 0;
    if (delay === Infinity) return new Promise<Response>(() => {});
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    switch (failure) {
      case 'network':
        throw new TypeError('Failed to fetch');
      case 'server-error':
        return problem(503, 'unavailable', 'The billing service is down for maintenance.');
      case 'not-found':
        return problem(404, 'practice_not_found', 'There is no practice with that id.');
      case 'invalid-response':
        return new Response('<html>proxy error</html>', { status: 200, headers: { 'content-type': 'text/html' } });
      default: {
        const body: unknown = request.method === 'POST' ? await request.json().catch(() => undefined) : undefined;
        return route(request.method, path, request.headers.get('authorization'), body);
      }
    }
  };

  return {
    fetch: fakeFetch,
    requests,
    fail: (next) => (failure = next),
    recover: () => (failure = undefined),
    unlock: () => {
      globalLock = 0;
      lockedUntil.clear();
    },
    expireSessions: () => sessions.clear(),
    client: ({ practice = demoPractice.id } = {}) =>
      createBillPayClient({ api: FAKE_API_ORIGIN, practice, fetch: fakeFetch, retries: 0 }),
  };
}

/** A client signed in to one demo account (by its last name), and that account: for stories and tests. */
export async function demoSession(lastName: string, options: FakeApiOptions = {}): Promise<{ api: FakeApi; client: BillPayClient; account: Account }> {
  const demo = demoAccounts.find((a) => a.lastName === lastName);
  if (!demo) throw new Error(`No demo account for ${lastName}`);
  const api = createFakeApi(options);
  const client = api.client();
  const account = await client.lookup({ billId: demo.billId, dateOfBirth: demo.dateOfBirth });
  return { api, client, account };
}
