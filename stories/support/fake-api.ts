/**
 * An in-memory billing API for Storybook and element tests: the same routes, the same wire
 * schemas and the same demo practice as the real server, answered without a network, so every
 * state of every element can be shown offline. Hand its `fetch` to `createBillPayClient`.
 *
 * Each capability answers in a module of its own: `fake-sessions.ts` (lookups, lockouts, the
 * session's account and statements), `fake-processor.ts` (the processor's tokens),
 * `fake-payments.ts`, `fake-plans.ts`, `fake-estimates.ts` and `fake-preferences.ts`; this module routes to them.
 */
import {
  createBillPayClient,
  HealthSchema,
  localToday,
  PlanPolicySchema,
  PracticeSchema,
  PriceListSchema,
  type Account,
  type BillPayClient,
  type Payment,
  type Plan,
  type PlanPolicy,
  type Practice,
} from '@billpay/sdk';
import { buildDemoAccount, demoAccounts } from './demo-accounts.js';
import { createFakeEstimates } from './fake-estimates.js';
import { json, problem, safeJson } from './fake-http.js';
import { createFakePayments } from './fake-payments.js';
import { createFakePlans } from './fake-plans.js';
import { createFakePreferences, type FakePreferencesStart } from './fake-preferences.js';
import { createFakeProcessor, exposeFakeProcessor, FAKE_PROCESSOR_ORIGIN } from './fake-processor.js';
import { createFakeSessions } from './fake-sessions.js';
import harborPoint from '../../packages/server/practices/harbor-point.json' with { type: 'json' };

export { FAKE_PROCESSOR_ORIGIN };
export type { FakeProcessorBridge } from './fake-processor.js';

export type FakeFailure = 'network' | 'server-error' | 'not-found' | 'origin-not-allowed' | 'invalid-response';

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
  /** Answer the price list with `estimates_unavailable` (a practice that publishes no prices). */
  withoutPriceList?: boolean;
  /** The practice's payment-plan rules; default the demo practice's. */
  planPolicy?: PlanPolicy;
  /** Answer the plan routes with `plans_not_offered` (a practice that sets up no plans online). */
  withoutPlans?: boolean;
  /**
   * Take automatic plan payments by a saved card (a token made with `reusable: true`), as the
   * reference server does. Default true; false answers `autopay_method_unavailable` for any card.
   */
  cardAutopay?: boolean;
  /** How the accounts' message preferences start; default as imported (email on, texts off). */
  preferences?: FakePreferencesStart;
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
  /** Payments charged at the fake processor (each idempotency key charges once). */
  readonly payments: Payment[];
  /** Request bodies the fake billing API received (never the processor's), for card-data checks. */
  readonly apiBodies: string[];
  /** `POST /v1/payments` answers nothing until `releasePayments()`: the busy state, double clicks. */
  holdPayments(): void;
  releasePayments(): void;
  /** The next `count` payment answers are lost after the payment is made (as a dropped connection). */
  dropPaymentResponses(count: number): void;
  /** Plans set up (each idempotency key sets up one at most). */
  readonly plans: Plan[];
  /** `POST /v1/plans` answers nothing until `releasePlans()`: the busy state, double clicks. */
  holdPlans(): void;
  releasePlans(): void;
  /** The next `count` plan answers are lost after the plan is set up (as a dropped connection). */
  dropPlanResponses(count: number): void;
  /**
   * Moves a plan on as the installment runner would: `paid` installments paid (oldest first),
   * then `failed` failures in a row on the next one (two make the plan delinquent).
   */
  advancePlan(planId: string, change: { paid?: number; failed?: number }): void;
  /** Every verification code sent so far expires, as 10 minutes would make it. */
  expireCodes(): void;
}

export const FAKE_API_ORIGIN = 'https://billing.fake.test';

/**
 * The hosted card page, offline: a same-origin page that shows the processor's real markup,
 * style and script (packages/server/hosted/) and sends tokenization to this fake processor.
 */
const HOSTED_CARD_URL = new URL('/stories/support/hosted/card.html', globalThis.location.href).href;

/** The demo practice, as `GET /v1/practices/harbor-point` answers it. */
export const demoPractice: Practice = PracticeSchema.parse({
  ...harborPoint,
  // The real API serves the logo from its origin; offline, Storybook and the test runner serve
  // the demo site's copy at /demo/assets/ on their own origin.
  logo: { ...harborPoint.logo, url: new URL('/demo/assets/harbor-point-logo.svg', globalThis.location.href).href },
  payments: { processorUrl: FAKE_PROCESSOR_ORIGIN, publishableKey: `pk_test_${harborPoint.id}`, hostedCardUrl: HOSTED_CARD_URL },
});

export function createFakeApi(options: FakeApiOptions = {}): FakeApi {
  const practices = new Map((options.practices ?? [demoPractice]).map((practice) => [practice.id, practice]));
  let failure = options.failure;
  const requests: string[] = [];
  const apiBodies: string[] = [];
  const today = options.today ?? localToday();
  const estimates = createFakeEstimates(today, { withoutPriceList: options.withoutPriceList ?? false });
  const catalog = PriceListSchema.parse({ practice: harborPoint.id, currency: 'USD', providers: harborPoint.providers, services: harborPoint.priceList });
  const accounts = demoAccounts.map((demo) =>
    estimates.withDisputes({ demo, ...buildDemoAccount(demo, demoPractice.policies, today, { priceList: catalog.services, providers: catalog.providers }) }),
  );
  const sessions = createFakeSessions(accounts, { lockedUntil: options.lockedUntil });
  const processor = createFakeProcessor(today);
  const policy = PlanPolicySchema.parse(options.planPolicy ?? harborPoint.planPolicy);
  const plans = createFakePlans({ accounts, tokens: processor.tokens, today, policy, cardAutopay: options.cardAutopay });
  const payments = createFakePayments({ tokens: processor.tokens, today, onPaid: plans.cover });
  const preferences = createFakePreferences(options.preferences);

  const route = (method: string, path: string, authorization: string | null, body: unknown): Response => {
    if (method === 'GET' && path === '/v1/health') return json(200, HealthSchema.parse({ status: 'ok', database: 'pglite' }));
    const estimateAnswer = estimates.route(method, path, body);
    if (estimateAnswer) return estimateAnswer;
    if (method === 'POST' && path === '/v1/lookups') return sessions.lookup(body);
    const session = sessions.sessionOf(authorization);
    const paymentAnswer = payments.route(method, path, session);
    if (paymentAnswer) return paymentAnswer;
    if (path.startsWith('/v1/plans')) {
      if (options.withoutPlans) return problem(404, 'plans_not_offered', 'This practice does not offer payment plans online.');
      if (!session) return problem(401, 'session_expired', 'Your session has ended.');
      return plans.route(session, method, path) ?? problem(404, 'not_found', `There is no ${method} ${path} in this API.`);
    }
    if (path.startsWith('/v1/message-preferences')) {
      if (!session) return problem(401, 'session_expired', 'Your session has ended.');
      return preferences.route(session, method, path, body) ?? problem(404, 'not_found', `There is no ${method} ${path} in this API.`);
    }
    const sessionAnswer = sessions.route(method, path, authorization);
    if (sessionAnswer) return sessionAnswer;
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
      case 'origin-not-allowed':
        return problem(403, 'origin_not_allowed', `This page's origin (${location.origin}) is not in the allowedOrigins of practice harbor-point: add it to the practice's configuration.`);
      case 'invalid-response':
        return new Response('<html>proxy error</html>', { status: 200, headers: { 'content-type': 'text/html' } });
      default: {
        const url = new URL(request.url);
        const raw = request.method === 'POST' ? await request.text() : '';
        const body: unknown = raw ? safeJson(raw) : undefined;
        if (url.origin === FAKE_PROCESSOR_ORIGIN) return processor.route(request.method, path, body);
        apiBodies.push(raw);
        const authorization = request.headers.get('authorization');
        const key = request.headers.get('idempotency-key');
        if (request.method === 'POST' && path === '/v1/payments') {
          const session = sessions.sessionOf(authorization);
          if (!session) return problem(401, 'session_expired', 'Your session has ended.');
          return payments.pay(session, key, raw, body);
        }
        if (request.method === 'POST' && path === '/v1/plans' && !options.withoutPlans) {
          const session = sessions.sessionOf(authorization);
          if (!session) return problem(401, 'session_expired', 'Your session has ended.');
          return plans.create(session, key, raw, body);
        }
        return route(request.method, path, authorization, body);
      }
    }
  };

  exposeFakeProcessor(fakeFetch);

  return {
    fetch: fakeFetch,
    requests,
    payments: payments.payments,
    apiBodies,
    holdPayments: () => payments.gate.hold(),
    releasePayments: () => payments.gate.release(),
    dropPaymentResponses: (count) => payments.gate.drop(count),
    plans: plans.plans,
    holdPlans: () => plans.gate.hold(),
    releasePlans: () => plans.gate.release(),
    dropPlanResponses: (count) => plans.gate.drop(count),
    advancePlan: (planId, change) => plans.advance(planId, change),
    expireCodes: () => preferences.expireCodes(),
    fail: (next) => (failure = next),
    recover: () => (failure = undefined),
    unlock: () => sessions.unlock(),
    expireSessions: () => sessions.expire(),
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

/** A payment plan on a demo account, as the stories show it. */
export type DemoPlanState = 'current' | 'retry' | 'behind' | 'manual';

/**
 * Sets up a monthly plan of 12 payments on a demo session's account through the API, then moves it
 * on as the installment runner would: `current` (paid automatically from a bank account, one payment
 * made), `retry` (one payment that did not go through), `behind` (two in a row: delinquent), or
 * `manual` (paid by hand). Answers the account as it then is.
 */
export async function addDemoPlan({ api, client }: { api: FakeApi; client: BillPayClient }, state: DemoPlanState): Promise<Account> {
  const options = await client.getPlanOptions();
  const common = { frequency: 'monthly' as const, firstDate: options.earliestFirstDate, payments: 12 };
  if (state === 'manual') {
    await client.createPlan({ ...common, payment: { mode: 'manual' } });
    return client.getAccount();
  }
  const bank = await client.tokenizeBank({ routingNumber: '021000021', accountNumber: '000123456789', accountType: 'checking', holderName: 'Chidi Okafor' });
  const plan = await client.createPlan({
    ...common,
    payment: {
      mode: 'automatic',
      method: 'bank',
      token: bank.id,
      authorization: { text: 'I authorize Harbor Point Medical Group to debit my checking account ending in 6789 monthly.', acceptedAt: new Date().toISOString() },
    },
  });
  api.advancePlan(plan.id, state === 'current' ? { paid: 1 } : { failed: state === 'behind' ? 2 : 1 });
  return client.getAccount();
}

/**
 * A bank payment of $25.00 on a demo session's account, made through the API as `<pay-form>` makes
 * one: it is processing (a bank debit settles days later). Answers the account as it then is.
 */
export async function addDemoBankPayment({ client }: { client: BillPayClient }): Promise<Account> {
  const bank = await client.tokenizeBank({ routingNumber: '021000021', accountNumber: '000123456789', accountType: 'checking', holderName: 'Samir Haddad' });
  await client.pay({
    amountCents: 2500,
    token: bank.id,
    authorization: { text: 'I authorize Harbor Point Medical Group to debit $25.00 from my checking account ending in 6789 today.', acceptedAt: new Date().toISOString() },
  });
  return client.getAccount();
}
