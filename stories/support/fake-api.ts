/**
 * An in-memory billing API for Storybook and element tests: the same routes, the same wire
 * schemas and the same demo practice as the real server, answered without a network, so every
 * state of every element can be shown offline. Hand its `fetch` to `createBillPayClient`.
 */
import {
  ApiErrorBodySchema,
  createBillPayClient,
  HealthSchema,
  PracticeSchema,
  type BillPayClient,
  type Practice,
} from '@billpay/sdk';
import harborPoint from '../../packages/server/practices/harbor-point.json' with { type: 'json' };

export type FakeFailure = 'network' | 'server-error' | 'not-found' | 'invalid-response';

export interface FakeApiOptions {
  /** Milliseconds every answer waits; `Infinity` never answers (the loading state). */
  delayMs?: number;
  /** Makes every request fail this way until `recover()` is called. */
  failure?: FakeFailure | undefined;
  practices?: readonly Practice[];
}

export interface FakeApi {
  readonly fetch: typeof globalThis.fetch;
  /** Requests received, as "METHOD /path". */
  readonly requests: string[];
  fail(failure: FakeFailure): void;
  recover(): void;
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

export function createFakeApi(options: FakeApiOptions = {}): FakeApi {
  const practices = new Map((options.practices ?? [demoPractice]).map((practice) => [practice.id, practice]));
  let failure = options.failure;
  const requests: string[] = [];

  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const problem = (status: number, code: string, message: string) =>
    json(status, ApiErrorBodySchema.parse({ error: { code, message } }));

  const route = (method: string, path: string): Response => {
    if (method === 'GET' && path === '/v1/health') return json(200, HealthSchema.parse({ status: 'ok', database: 'pglite' }));
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
      default:
        return route(request.method, path);
    }
  };

  return {
    fetch: fakeFetch,
    requests,
    fail: (next) => (failure = next),
    recover: () => (failure = undefined),
    client: ({ practice = demoPractice.id } = {}) =>
      createBillPayClient({ api: FAKE_API_ORIGIN, practice, fetch: fakeFetch, retries: 0 }),
  };
}
