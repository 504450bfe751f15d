/**
 * An in-memory billing API for Storybook and element tests: the same routes, the same wire
 * schemas and the same demo practice as the real server, answered without a network, so every
 * state of every element can be shown offline. Hand its `fetch` to `createBillPayClient`.
 */
import {
  AccountSchema,
  ApiErrorBodySchema,
  BankTokenRequestSchema,
  CardTokenRequestSchema,
  checkBankAccountNumber,
  checkCardCvc,
  checkCardExpiry,
  checkCardNumber,
  checkRoutingNumber,
  MIN_PAYMENT_CENTS,
  PaymentRequestSchema,
  PaymentSchema,
  WalletTokenRequestSchema,
  type Payment,
  type PaymentMethod,
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
  addDays,
  coverOldestFirst,
  installmentsBehind,
  isInstallmentBehind,
  isPlanRunning,
  planOptionsFor,
  planSchedule,
  planSummary,
  planStepOf,
  PlanOptionsSchema,
  PlanPolicySchema,
  PlanRequestSchema,
  PlanSchema,
  PriceListSchema,
  type AccountPlan,
  type Plan,
  type PlanPolicy,
} from '@billpay/sdk';
import { buildDemoAccount, demoAccounts } from './demo-accounts.js';
import { createFakeEstimates } from './fake-estimates.js';
import harborPoint from '../../packages/server/practices/harbor-point.json' with { type: 'json' };
import { hostedCardHtml } from '../../packages/server/src/processor/sandbox/hosted-page.js';

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
}

export const FAKE_API_ORIGIN = 'https://billing.fake.test';
/** The fake payment processor's origin: card and bank details go here, never to the API. */
export const FAKE_PROCESSOR_ORIGIN = 'https://processor.fake.test';

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

/** The sandbox's test cards (shared/DOMAIN.md): how each one ends at the processor. */
const DECLINING_CARDS: Record<string, 'card_declined' | 'expired_card' | 'incorrect_cvc'> = {
  '4000000000000002': 'card_declined',
  '4000000000000069': 'expired_card',
  '4000000000000127': 'incorrect_cvc',
};

interface FakeToken {
  readonly method: PaymentMethod;
  readonly number?: string;
  /** A card saved for later charges (made with `reusable: true`). */
  readonly reusable?: boolean;
}

/** What the hosted card page (in its iframe) reaches through `window.parent`. */
export interface FakeProcessorBridge {
  hostedCardHtml: typeof hostedCardHtml;
  fetch: typeof globalThis.fetch;
}

declare global {
  var billpayFakeProcessor: FakeProcessorBridge | undefined;
}

/** Failed lookups for one identifier before it locks, and how long it stays locked. */
const MAX_FAILURES = 5;
const LOCK_MS = 15 * 60_000;

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, '');

export function createFakeApi(options: FakeApiOptions = {}): FakeApi {
  const practices = new Map((options.practices ?? [demoPractice]).map((practice) => [practice.id, practice]));
  let failure = options.failure;
  const requests: string[] = [];
  const today = options.today ?? localToday();
  const estimates = createFakeEstimates(today, { withoutPriceList: options.withoutPriceList ?? false });
  const catalog = PriceListSchema.parse({ practice: harborPoint.id, currency: 'USD', providers: harborPoint.providers, services: harborPoint.priceList });
  const built = demoAccounts.map((demo) =>
    estimates.withDisputes({ demo, ...buildDemoAccount(demo, demoPractice.policies, today, { priceList: catalog.services, providers: catalog.providers }) }),
  );
  const sessions = new Map<string, (typeof built)[number]>();
  const failures = new Map<string, number>();
  const lockedUntil = new Map<string, number>();
  let globalLock = options.lockedUntil?.getTime() ?? 0;
  const tokens = new Map<string, FakeToken>();
  const payments: Payment[] = [];
  const apiBodies: string[] = [];
  const answered = new Map<string, { body: string; response: { status: number; json: unknown } }>();
  let held: (() => void)[] | undefined;
  let dropping = 0;
  const planPolicy = PlanPolicySchema.parse(options.planPolicy ?? harborPoint.planPolicy);
  const plans: Plan[] = [];
  const planAnswers = new Map<string, { body: string; response: { status: number; json: unknown } }>();
  let heldPlans: (() => void)[] | undefined;
  let droppingPlans = 0;

  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const problem = (status: number, code: string, message: string) =>
    json(status, ApiErrorBodySchema.parse({ error: { code, message } }));

  const lockedAnswer = (until: number, stepUp = false) =>
    json(
      429,
      ApiErrorBodySchema.parse({
        error: { code: 'locked_out', message: 'Too many attempts.', retryAt: new Date(until).toISOString(), ...(stepUp ? { stepUp: 'amount_due' } : {}) },
      }),
    );

  const lookup = (body: unknown): Response => {
    const parsed = LookupRequestSchema.safeParse(body);
    if (!parsed.success) return problem(400, 'invalid_request', 'Some fields are missing or invalid.');
    const input = parsed.data;
    if (globalLock > Date.now()) return lockedAnswer(globalLock);
    if ('billId' in input && !normalizeBillId(input.billId).ok) return problem(400, 'invalid_request', 'Check the Bill ID.');
    // As the server counts: failures per account, whichever way it was named.
    const named = built.find(({ demo }) => ('billId' in input ? demo.billId === input.billId : fold(demo.accountNumber) === fold(input.accountNumber)));
    const key = named ? `account:${named.demo.billId}` : 'billId' in input ? `bill:${input.billId}` : `acct:${fold(input.accountNumber)}`;
    const match =
      named && ('billId' in input ? named.demo.dateOfBirth === input.dateOfBirth : fold(named.demo.lastName) === fold(input.lastName)) ? named : undefined;
    const until = lockedUntil.get(key) ?? 0;
    if (until > Date.now()) {
      // A locked bill lets through the patient who adds the amount due on a statement (or the balance).
      const amounts = match ? [match.account.balanceCents, ...match.account.statements.map((s) => s.amountCents)] : [];
      if (!match || input.amountDueCents === undefined || !amounts.includes(input.amountDueCents)) return lockedAnswer(until, true);
      lockedUntil.delete(key);
    }
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

  const processorError = (status: number, code: string, message: string, param?: string) =>
    json(status, { error: { code, message, ...(param ? { param } : {}) } });

  const newToken = (token: FakeToken) => {
    const id = `tok_fake${crypto.randomUUID().replace(/-/g, '').slice(0, 20)}`;
    tokens.set(id, token);
    return id;
  };

  /** The fake processor: tokenizes with the SDK's own card and bank rules. */
  const processor = (method: string, path: string, body: unknown): Response => {
    if (method === 'POST' && path === '/v1/tokens/card') {
      const parsed = CardTokenRequestSchema.safeParse(body);
      if (!parsed.success) return processorError(400, 'invalid_request', 'Some card fields are missing.', String(parsed.error.issues[0]?.path[0] ?? ''));
      const card = parsed.data;
      const number = checkCardNumber(card.number);
      if (!number.ok) return processorError(402, 'invalid_number', 'The card number is not valid.', 'number');
      const [year, month] = today.split('-').map(Number);
      const expiry = checkCardExpiry(`${String(card.expMonth)}/${String(card.expYear)}`, { year: year ?? 0, month: month ?? 0 });
      if (!expiry.ok) return processorError(402, expiry.issue === 'card.expired' ? 'expired_card' : 'invalid_expiry', 'Check the expiry.', 'expMonth');
      if (!checkCardCvc(card.cvc, number.brand).ok) return processorError(402, 'invalid_cvc', 'Check the security code.', 'cvc');
      const last4 = number.digits.slice(-4);
      const reusable = card.reusable === true;
      const id = newToken({ method: { kind: 'card', brand: number.brand, last4 }, number: number.digits, reusable });
      return json(201, { id, kind: 'card', card: { brand: number.brand, last4, expMonth: expiry.month, expYear: expiry.year }, ...(reusable ? { reusable: true } : {}) });
    }
    if (method === 'POST' && path === '/v1/tokens/bank') {
      const parsed = BankTokenRequestSchema.safeParse(body);
      if (!parsed.success) return processorError(400, 'invalid_request', 'Some bank fields are missing.', String(parsed.error.issues[0]?.path[0] ?? ''));
      const bank = parsed.data;
      const routing = checkRoutingNumber(bank.routingNumber);
      if (!routing.ok) return processorError(402, 'invalid_routing_number', 'The routing number is not valid.', 'routingNumber');
      const account = checkBankAccountNumber(bank.accountNumber);
      if (!account.ok) return processorError(402, 'invalid_account_number', 'The account number is not valid.', 'accountNumber');
      const last4 = account.digits.slice(-4);
      const id = newToken({ method: { kind: 'bank', last4, accountType: bank.accountType } });
      return json(201, { id, kind: 'bank', bank: { last4, accountType: bank.accountType, routingLast4: routing.digits.slice(-4) } });
    }
    if (method === 'POST' && path === '/v1/tokens/wallet') {
      const parsed = WalletTokenRequestSchema.safeParse(body);
      if (!parsed.success) return processorError(400, 'invalid_request', 'Name the wallet.', 'wallet');
      const number = checkCardNumber(parsed.data.sandboxCard ?? '4242424242424242');
      if (!number.ok) return processorError(402, 'invalid_number', 'The wallet card is not valid.', 'sandboxCard');
      const last4 = number.digits.slice(-4);
      const id = newToken({ method: { kind: 'wallet', wallet: parsed.data.wallet, brand: number.brand, last4 }, number: number.digits });
      return json(201, { id, kind: 'card', card: { brand: number.brand, last4, expMonth: 12, expYear: Number(today.slice(0, 4)) + 3, wallet: parsed.data.wallet } });
    }
    return processorError(404, 'not_found', `There is no ${method} ${path} at the processor.`);
  };

  /** `POST /v1/payments`: one charge per idempotency key, the balance never below zero. */
  const pay = (session: (typeof built)[number], key: string | null, raw: string, body: unknown): { status: number; json: unknown } => {
    const bad = (status: number, error: Record<string, unknown>) => ({ status, json: ApiErrorBodySchema.parse({ error }) });
    if (!key || key.length < 16) return bad(400, { code: 'idempotency_key_required', message: 'Send an Idempotency-Key header.' });
    const earlier = answered.get(key);
    if (earlier) return earlier.body === raw ? earlier.response : bad(409, { code: 'idempotency_conflict', message: 'This key was used for another payment.' });
    const parsed = PaymentRequestSchema.safeParse(body);
    const remember = (response: { status: number; json: unknown }) => {
      answered.set(key, { body: raw, response });
      return response;
    };
    if (!parsed.success) return bad(400, { code: 'invalid_request', message: 'Some fields are missing or invalid.' });
    const request = parsed.data;
    const account = session.account;
    if (request.amountCents > account.balanceCents) {
      return remember(bad(422, { code: 'amount_not_allowed', message: 'The amount is more than the balance.', minimumCents: MIN_PAYMENT_CENTS, maximumCents: Math.max(0, account.balanceCents) }));
    }
    const token = tokens.get(request.token);
    if (!token) return bad(400, { code: 'invalid_token', message: 'The payment method has expired. Enter it again.', param: 'token' });
    if (token.method.kind === 'bank' && !request.authorization) {
      return bad(422, { code: 'authorization_required', message: 'A bank payment needs the debit authorization.', param: 'authorization' });
    }
    const declined = token.number ? DECLINING_CARDS[token.number] : undefined;
    if (declined) return remember(bad(402, { code: 'payment_declined', message: 'The card was declined.', declineCode: declined }));
    const remaining = account.balanceCents - request.amountCents;
    const payment = PaymentSchema.parse({
      id: `pay_fake${String(payments.length + 1)}`,
      confirmationNumber: `K7QM-${String(3000 + payments.length)}`,
      status: token.method.kind === 'bank' ? 'processing' : 'succeeded',
      amountCents: request.amountCents,
      statementId: request.statementId ?? null,
      method: token.method,
      createdAt: new Date().toISOString(),
      remainingBalanceCents: remaining,
    });
    payments.push(payment);
    applyPayment(session.account, payment, today);
    coverPlan(session.account, payment);
    return remember({ status: 201, json: payment });
  };

  /** `GET /v1/plans/options`: answered by the SDK's `planOptionsFor`, as the server answers it. */
  const planOptions = (session: (typeof built)[number]) => {
    const running = plans.find((p) => p.id === session.account.plan?.id && (p.status === 'active' || p.status === 'delinquent'));
    return PlanOptionsSchema.parse(planOptionsFor({ policy: planPolicy, balanceCents: session.account.balanceCents, today, runningPlanId: running?.id }));
  };

  /** An installment as the SDK's plan-status rules read it: next due on its retry date after a failure. */
  const stateOf = (i: Plan['installments'][number]) => ({ ...i, nextDueOn: i.retryOn ?? i.dueOn });
  /** The patient's payments towards each plan (by plan id), oldest first. */
  const paidTowards = new Map<string, Payment[]>();

  /**
   * As the server does, by the SDK's rules: the patient's payments since the plan began cover, oldest
   * first, what they covered before and what a running plan is behind (a manual plan's next payments
   * too), each installment linked to the payment that completed its cover; a delinquent plan with
   * nothing behind is current again.
   */
  const coverPlan = (account: Account, payment: Payment) => {
    const plan = plans.find((p) => p.id === account.plan?.id && isPlanRunning(p));
    if (!plan) return;
    const paid = [...(paidTowards.get(plan.id) ?? []), payment];
    paidTowards.set(plan.id, paid);
    const ids = new Set(paid.map((p) => p.id));
    const candidates = [...plan.installments]
      .sort((a, b) => a.number - b.number)
      .filter((i) =>
        i.status === 'paid' || i.status === 'processing'
          ? i.paymentId !== undefined && ids.has(i.paymentId)
          : (i.status === 'scheduled' || i.status === 'failed') && (plan.mode === 'manual' || isInstallmentBehind(plan, stateOf(i), today)),
      );
    const coveredBy = coverOldestFirst(candidates.map(stateOf), paid);
    candidates.forEach((installment, index) => {
      const by = coveredBy[index];
      if (!by) return;
      Object.assign(installment, { status: by.status === 'processing' ? 'processing' : 'paid', paidOn: today, paymentId: by.id });
      delete installment.retryOn;
    });
    if (installmentsBehind(plan, plan.installments.map(stateOf), today).length === 0) {
      plan.status = 'active';
      delete plan.delinquentSince;
    }
    showPlanOnAccount(plan);
  };

  /** What the account shows of a plan: the SDK's `planSummary`, as the server answers it. */
  const accountPlanOf = (plan: Plan): AccountPlan => planSummary(plan, plan.installments.map(stateOf), today);

  /** Each account's next step as its statements make it, before a plan spoke for it (by account id). */
  const stepWithoutPlan = new Map<string, Account['nextStep']>();
  /** A plan's change shown on its account: the plan, and while it is current, its next payment as what is due. */
  const showPlanOnAccount = (plan: Plan) => {
    const entry = built.find((b) => b.account.id === accountOfPlan.get(plan.id));
    if (!entry) return;
    const summary = accountPlanOf(plan);
    Object.assign(plan, summary);
    if (summary.status === 'active' || summary.status === 'delinquent') entry.account.plan = summary;
    else delete entry.account.plan;
    // As the server does: a kept plan says what is due; otherwise (a plan that fell behind, or
    // ended) the account's own step, judged by its statements, is what happens next.
    const { nextStep } = entry.account;
    if (nextStep.kind !== 'plan_due' && nextStep.kind !== 'plan_behind') stepWithoutPlan.set(entry.account.id, nextStep);
    entry.account.nextStep = planStepOf(summary, entry.account.balanceCents) ?? stepWithoutPlan.get(entry.account.id) ?? nextStep;
  };
  /** The account each plan is for (by id). */
  const accountOfPlan = new Map<string, string>();

  /** `POST /v1/plans`: the policy checked with the SDK's `planSchedule`, one plan per idempotency key. */
  const createPlan = (session: (typeof built)[number], key: string | null, raw: string, body: unknown): { status: number; json: unknown } => {
    const bad = (status: number, error: Record<string, unknown>) => ({ status, json: ApiErrorBodySchema.parse({ error }) });
    if (!key || key.length < 16) return bad(400, { code: 'idempotency_key_required', message: 'Send an Idempotency-Key header.' });
    const earlier = planAnswers.get(key);
    if (earlier) return earlier.body === raw ? earlier.response : bad(409, { code: 'idempotency_conflict', message: 'This key was used for another plan.' });
    const parsed = PlanRequestSchema.safeParse(body);
    if (!parsed.success) return bad(400, { code: 'invalid_request', message: 'Some fields are missing or invalid.' });
    const request = parsed.data;
    const account = session.account;
    const payment = request.payment;
    if (payment.mode === 'automatic') {
      const token = tokens.get(payment.token);
      if (!token) return bad(422, { code: 'invalid_token', message: 'The payment method is not known to the processor. Enter it again.' });
      const card = payment.method === 'card';
      if ((card && (options.cardAutopay === false || !token.reusable)) || (token.method.kind === 'bank') !== !card) {
        return bad(422, { code: 'autopay_method_unavailable', message: 'Automatic plan payments need a bank account or a saved card.' });
      }
    }
    const running = plans.find((p) => p.id === account.plan?.id && (p.status === 'active' || p.status === 'delinquent'));
    if (running) return bad(409, { code: 'plan_exists', message: 'This account already has a payment plan.' });
    const result = planSchedule(
      {
        balanceCents: account.balanceCents,
        frequency: request.frequency,
        firstDate: request.firstDate,
        payments: request.payments,
        amountCents: request.amountCents,
        downPaymentCents: request.downPaymentCents,
        mode: payment.mode,
      },
      planPolicy,
      today,
    );
    const remember = (response: { status: number; json: unknown }) => {
      planAnswers.set(key, { body: raw, response });
      return response;
    };
    if (!result.ok) {
      const [first] = result.violations;
      return remember(bad(422, { code: first.code, message: first.message, planRules: [...result.violations] }));
    }
    const schedule = result.schedule;
    const base = {
      id: `plan_fake${String(plans.length + 1)}`,
      status: 'active' as const,
      frequency: schedule.frequency,
      mode: payment.mode,
      current: true,
      paidCents: 0,
      remainingCents: schedule.balanceCents,
      paymentsLeft: schedule.payments.length,
      behindCents: 0,
      balanceCents: schedule.balanceCents,
      downPaymentCents: schedule.downPaymentCents,
      installmentCents: schedule.installmentCents,
      firstDate: schedule.firstDate,
      lastDate: schedule.lastDate,
      createdAt: new Date().toISOString(),
      ...(payment.mode === 'automatic' ? { method: payment.method, authorization: payment.authorization } : {}),
      installments: schedule.payments.map((p) => ({ ...p, status: 'scheduled' as const, failures: 0 })),
    };
    const plan = PlanSchema.parse({ ...base, ...accountPlanOf(PlanSchema.parse(base)) });
    plans.push(plan);
    accountOfPlan.set(plan.id, account.id);
    showPlanOnAccount(plan);
    return remember({ status: 201, json: plan });
  };

  const planRoute = (session: (typeof built)[number], method: string, path: string): Response | undefined => {
    if (method === 'GET' && path === '/v1/plans/options') return json(200, planOptions(session));
    const match = /^\/v1\/plans\/([^/]+)(\/cancel)?$/.exec(path);
    if (!match) return undefined;
    const plan = plans.find((p) => p.id === decodeURIComponent(match[1] ?? '') && accountOfPlan.get(p.id) === session.account.id);
    if (!plan) return problem(404, 'plan_not_found', 'There is no such plan on this account.');
    if (method === 'GET' && !match[2]) return json(200, PlanSchema.parse(plan));
    if (method === 'POST' && match[2]) {
      if (plan.status === 'active' || plan.status === 'delinquent') {
        for (const installment of plan.installments) if (installment.status === 'scheduled' || installment.status === 'failed') installment.status = 'canceled';
        plan.status = 'canceled';
        plan.canceledOn = today;
        showPlanOnAccount(plan);
      }
      return json(200, PlanSchema.parse(plan));
    }
    return undefined;
  };

  const advancePlan = (planId: string, change: { paid?: number; failed?: number }) => {
    const plan = plans.find((p) => p.id === planId);
    if (!plan) throw new Error(`No plan ${planId}`);
    for (let n = 0; n < (change.paid ?? 0); n++) {
      const next = plan.installments.find((i) => i.status === 'scheduled' || i.status === 'failed');
      if (!next) break;
      next.status = 'paid';
      next.paidOn = next.dueOn;
      delete next.retryOn;
    }
    for (let n = 0; n < (change.failed ?? 0); n++) {
      const next = plan.installments.find((i) => i.status === 'scheduled' || i.status === 'failed');
      if (!next) break;
      next.status = 'failed';
      next.failures += 1;
      next.retryOn = addDays(next.retryOn ?? next.dueOn, 3);
      if (next.failures >= 2 && plan.status === 'active') {
        plan.status = 'delinquent';
        plan.delinquentSince = next.dueOn;
      }
    }
    showPlanOnAccount(plan);
  };

  const route = (method: string, path: string, authorization: string | null, body: unknown): Response => {
    if (method === 'GET' && path === '/v1/health') return json(200, HealthSchema.parse({ status: 'ok', database: 'pglite' }));
    const estimateAnswer = estimates.route(method, path, body);
    if (estimateAnswer) return estimateAnswer;
    if (method === 'POST' && path === '/v1/lookups') return lookup(body);
    const session = sessions.get(authorization?.replace(/^Bearer /, '') ?? '');
    const paymentMatch = /^\/v1\/payments\/([^/]+)$/.exec(path);
    if (method === 'GET' && paymentMatch) {
      if (!session) return problem(401, 'session_expired', 'Your session has ended.');
      const payment = payments.find((p) => p.id === decodeURIComponent(paymentMatch[1] ?? ''));
      return payment ? json(200, payment) : problem(404, 'payment_not_found', 'There is no such payment on this account.');
    }
    if (path.startsWith('/v1/plans')) {
      if (options.withoutPlans) return problem(404, 'plans_not_offered', 'This practice does not offer payment plans online.');
      if (!session) return problem(401, 'session_expired', 'Your session has ended.');
      return planRoute(session, method, path) ?? problem(404, 'not_found', `There is no ${method} ${path} in this API.`);
    }
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
        const url = new URL(request.url);
        const raw = request.method === 'POST' ? await request.text() : '';
        const body: unknown = raw ? safeJson(raw) : undefined;
        if (url.origin === FAKE_PROCESSOR_ORIGIN) return processor(request.method, path, body);
        apiBodies.push(raw);
        if (request.method === 'POST' && path === '/v1/payments') {
          const session = sessions.get(request.headers.get('authorization')?.replace(/^Bearer /, '') ?? '');
          if (!session) return problem(401, 'session_expired', 'Your session has ended.');
          if (held) await new Promise<void>((resolve) => held?.push(resolve));
          const answer = pay(session, request.headers.get('idempotency-key'), raw, body);
          if (dropping > 0) {
            dropping--;
            throw new TypeError('Failed to fetch');
          }
          return json(answer.status, answer.json);
        }
        if (request.method === 'POST' && path === '/v1/plans' && !options.withoutPlans) {
          const session = sessions.get(request.headers.get('authorization')?.replace(/^Bearer /, '') ?? '');
          if (!session) return problem(401, 'session_expired', 'Your session has ended.');
          if (heldPlans) await new Promise<void>((resolve) => heldPlans?.push(resolve));
          const answer = createPlan(session, request.headers.get('idempotency-key'), raw, body);
          if (droppingPlans > 0) {
            droppingPlans--;
            throw new TypeError('Failed to fetch');
          }
          return json(answer.status, answer.json);
        }
        return route(request.method, path, request.headers.get('authorization'), body);
      }
    }
  };

  globalThis.billpayFakeProcessor = {
    hostedCardHtml,
    fetch: (input, init) => fakeFetch(new URL(input instanceof Request ? input.url : String(input), FAKE_PROCESSOR_ORIGIN).href, init),
  };

  return {
    fetch: fakeFetch,
    requests,
    payments,
    apiBodies,
    holdPayments: () => (held ??= []),
    releasePayments: () => {
      const waiting = held ?? [];
      held = undefined;
      for (const resolve of waiting) resolve();
    },
    dropPaymentResponses: (count) => (dropping = count),
    plans,
    holdPlans: () => (heldPlans ??= []),
    releasePlans: () => {
      const waiting = heldPlans ?? [];
      heldPlans = undefined;
      for (const resolve of waiting) resolve();
    },
    dropPlanResponses: (count) => (droppingPlans = count),
    advancePlan,
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

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A payment lowers the balance and what is open, oldest statement first (or the one named). */
function applyPayment(account: Account, payment: Payment, today: string): void {
  let left = payment.amountCents;
  const statements = [...account.statements].sort((a, b) => (a.id === payment.statementId ? -1 : b.id === payment.statementId ? 1 : a.statementDate.localeCompare(b.statementDate)));
  for (const statement of statements) {
    const applied = Math.min(left, statement.openCents);
    statement.openCents -= applied;
    left -= applied;
  }
  account.balanceCents -= payment.amountCents;
  account.payments = [
    ...account.payments,
    { id: payment.id, statementId: payment.statementId, postedOn: today, amountCents: payment.amountCents, method: payment.method.kind, status: payment.status },
  ];
  if (account.balanceCents <= 0) {
    account.nextStep = { kind: 'paid_in_full' };
    delete account.dueDate;
  }
}
