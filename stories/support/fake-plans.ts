/**
 * Payment plans for the in-memory API, by the SDK's rules as the server applies them: the options
 * (`planOptionsFor`), a plan set up within the practice's policy (`planSchedule`), what payments
 * cover and what is behind (plan-status: `coverOldestFirst`, `isInstallmentBehind`, `planSummary`)
 * and the account's next step while a plan speaks for it (`planStepOf`).
 */
import {
  addDays,
  coverOldestFirst,
  installmentsBehind,
  isInstallmentBehind,
  isPlanRunning,
  planOptionsFor,
  planSchedule,
  planStepOf,
  planSummary,
  PlanOptionsSchema,
  PlanRequestSchema,
  PlanSchema,
  type Account,
  type AccountPlan,
  type Payment,
  type Plan,
  type PlanPolicy,
} from '@billpay/sdk';
import { createAnswerGate, createIdempotency, json, problem, refusal, type AnswerGate, type FakeAccount } from './fake-http.js';
import type { FakeToken } from './fake-processor.js';

export interface FakePlans {
  /** Plans set up (each idempotency key sets up one at most). */
  readonly plans: Plan[];
  /** Holds, releases or loses the answers of `POST /v1/plans`. */
  readonly gate: AnswerGate;
  /** `POST /v1/plans` for a session's account. */
  create(session: FakeAccount, key: string | null, raw: string, body: unknown): Promise<Response>;
  /** `GET /v1/plans/options`, `GET /v1/plans/{id}`, `POST /v1/plans/{id}/cancel`; `undefined` for any other. */
  route(session: FakeAccount, method: string, path: string): Response | undefined;
  /** A payment made on an account: what it covers of the account's running plan. */
  cover(account: Account, payment: Payment): void;
  /** Moves a plan on as the installment runner would (see `FakeApi.advancePlan`). */
  advance(planId: string, change: { paid?: number; failed?: number }): void;
}

export interface FakePlansOptions {
  readonly accounts: readonly FakeAccount[];
  readonly tokens: ReadonlyMap<string, FakeToken>;
  readonly today: string;
  readonly policy: PlanPolicy;
  /** Automatic payments by a saved card (default true). */
  readonly cardAutopay?: boolean | undefined;
}

export function createFakePlans({ accounts, tokens, today, policy, cardAutopay }: FakePlansOptions): FakePlans {
  const plans: Plan[] = [];
  const gate = createAnswerGate();
  const idempotent = createIdempotency('plan');
  /** The account each plan is for (by id). */
  const accountOfPlan = new Map<string, string>();
  /** The patient's payments towards each plan (by plan id), oldest first. */
  const paidTowards = new Map<string, Payment[]>();
  /** Each account's next step as its statements make it, before a plan spoke for it (by account id). */
  const stepWithoutPlan = new Map<string, Account['nextStep']>();

  /** An installment as the SDK's plan-status rules read it: next due on its retry date after a failure. */
  const stateOf = (i: Plan['installments'][number]) => ({ ...i, nextDueOn: i.retryOn ?? i.dueOn });

  /** What the account shows of a plan: the SDK's `planSummary`, as the server answers it. */
  const accountPlanOf = (plan: Plan): AccountPlan => planSummary(plan, plan.installments.map(stateOf), today);

  /** A plan's change shown on its account: the plan, and while it is current, its next payment as what is due. */
  const showPlanOnAccount = (plan: Plan) => {
    const entry = accounts.find((b) => b.account.id === accountOfPlan.get(plan.id));
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

  /** `GET /v1/plans/options`: answered by the SDK's `planOptionsFor`, as the server answers it. */
  const planOptions = (session: FakeAccount) => {
    const running = plans.find((p) => p.id === session.account.plan?.id && (p.status === 'active' || p.status === 'delinquent'));
    return PlanOptionsSchema.parse(planOptionsFor({ policy, balanceCents: session.account.balanceCents, today, runningPlanId: running?.id }));
  };

  /**
   * As the server does, by the SDK's rules: the patient's payments since the plan began cover, oldest
   * first, what they covered before and what a running plan is behind (a manual plan's next payments
   * too), each installment linked to the payment that completed its cover; a delinquent plan with
   * nothing behind is current again.
   */
  const cover = (account: Account, payment: Payment) => {
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

  /** `POST /v1/plans`: the policy checked with the SDK's `planSchedule`, one plan per idempotency key. */
  const create = (session: FakeAccount, key: string | null, raw: string, body: unknown) =>
    idempotent(key, raw, (remember) => {
      const parsed = PlanRequestSchema.safeParse(body);
      if (!parsed.success) return refusal(400, { code: 'invalid_request', message: 'Some fields are missing or invalid.' });
      const request = parsed.data;
      const account = session.account;
      const payment = request.payment;
      if (payment.mode === 'automatic') {
        const token = tokens.get(payment.token);
        if (!token) return refusal(422, { code: 'invalid_token', message: 'The payment method is not known to the processor. Enter it again.' });
        const card = payment.method === 'card';
        if ((card && (cardAutopay === false || !token.reusable)) || (token.method.kind === 'bank') !== !card) {
          return refusal(422, { code: 'autopay_method_unavailable', message: 'Automatic plan payments need a bank account or a saved card.' });
        }
      }
      const running = plans.find((p) => p.id === account.plan?.id && (p.status === 'active' || p.status === 'delinquent'));
      if (running) return refusal(409, { code: 'plan_exists', message: 'This account already has a payment plan.' });
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
        policy,
        today,
      );
      if (!result.ok) {
        const [first] = result.violations;
        return remember(refusal(422, { code: first.code, message: first.message, planRules: [...result.violations] }));
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
    });

  const route = (session: FakeAccount, method: string, path: string): Response | undefined => {
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

  const advance = (planId: string, change: { paid?: number; failed?: number }) => {
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

  return { plans, gate, create: (session, key, raw, body) => gate.pass(() => create(session, key, raw, body)), route, cover, advance };
}
