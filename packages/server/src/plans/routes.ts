import { firstDateWindow, planRuleMessage, PlanPayoffRequestSchema, PlanRequestSchema, type PlanOptions, type PlanRuleViolation } from '@billpay/sdk';
import type { Hono } from 'hono';
import { isoDate } from '../dates.js';
import { takePayment, type PaymentOutcome } from '../payments/payments.js';
import { paymentContext, receiptOf } from '../payments/routes.js';
import { availableBalance, cancelPlan, createPlan, finishPayoff, payoffPaymentKey, planView, refreshPlan, startPayoff } from './plans.js';
import { addressKey } from '../security/secret.js';
import { requireSession } from '../accounts/routes.js';
import { clientAddress, requirePractice, type ApiDeps, type AppEnv } from '../http/context.js';
import { ApiProblem, readJson } from '../http/problem.js';

/** A client's key for one attempt: long enough to be unique, short enough to index. */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{16,128}$/;

const keyRequired = () =>
  new ApiProblem(400, 'idempotency_key_required', 'Send an Idempotency-Key header (16 to 128 letters, digits, -, _, . or :), one per attempt.');

/**
 * Payment plans of the session's account: `GET /v1/plans/options` (what the plan builder needs),
 * `POST /v1/plans` (exactly once per Idempotency-Key), `GET /v1/plans/:id`,
 * `POST /v1/plans/:id/cancel` and `POST /v1/plans/:id/payoff`.
 */
export function mountPlans(app: Hono<AppEnv>, deps: ApiDeps): void {
  const { db } = deps.database;

  app.get('/v1/plans/options', async (c) => {
    const now = deps.now();
    const session = await requireSession(c, deps, now);
    const practice = requirePractice(deps.practices, session.practiceId);
    const policy = practice.planPolicy;
    if (!policy) throw new ApiProblem(404, 'plans_not_offered', 'This practice does not offer payment plans online.');
    const today = isoDate(now);
    const balanceCents = await availableBalance(db, session.accountId);
    const running = await db.selectFrom('plans').select('id').where('account_id', '=', session.accountId).where('status', 'in', ['active', 'delinquent']).executeTakeFirst();
    const smallest = Math.max(policy.minBalanceCents, policy.minInstallmentCents);
    let ineligible: PlanRuleViolation | undefined;
    if (balanceCents < smallest) {
      const rule = { code: 'balance_too_small' as const, field: 'balanceCents' as const, limit: smallest, nearest: {} };
      ineligible = { ...rule, message: planRuleMessage(rule) };
    }
    const window = firstDateWindow(policy, today);
    const options: PlanOptions = {
      policy,
      balanceCents,
      today,
      earliestFirstDate: window.earliest,
      latestFirstDate: window.latest,
      eligible: !running && !ineligible,
      ...(ineligible ? { ineligible } : {}),
      ...(running ? { planId: running.id } : {}),
    };
    return c.json(options);
  });

  app.post('/v1/plans', async (c) => {
    const now = deps.now();
    const session = await requireSession(c, deps, now);
    const key = c.req.header('idempotency-key') ?? '';
    if (!IDEMPOTENCY_KEY.test(key)) throw keyRequired();
    const request = await readJson(c, PlanRequestSchema);
    const practice = requirePractice(deps.practices, session.practiceId);
    // Who accepted the authorization, as this server saw them: kept with it as proof.
    const ipAddress = clientAddress(c, deps.trustProxy);
    const actor = { sessionId: session.id, ipAddress, clientHash: addressKey(deps.secret, ipAddress), userAgent: c.req.header('user-agent') };
    const processor = deps.processor;
    if (request.payment.mode === 'automatic' && !processor) throw new ApiProblem(503, 'payments_unavailable', 'Online payments are not available right now.');
    const describeToken = processor ? (token: string) => processor.token(practice.id, token) : undefined;
    const { plan } = await createPlan({ db, practice, accountId: session.accountId, now }, key, request, actor, { describeToken });
    return c.json(plan, 201);
  });

  app.get('/v1/plans/:id', async (c) => {
    const now = deps.now();
    const session = await requireSession(c, deps, now);
    const id = c.req.param('id');
    const today = isoDate(now);
    const found = await planView(db, id, session.accountId, today);
    if (!found) throw new ApiProblem(404, 'plan_not_found', 'There is no such plan on this account.');
    if (found.status !== 'active' && found.status !== 'delinquent') return c.json(found);
    await refreshPlan(db, id, today, now);
    return c.json(await planView(db, id, session.accountId, today));
  });

  app.post('/v1/plans/:id/cancel', async (c) => {
    const now = deps.now();
    const session = await requireSession(c, deps, now);
    const practice = requirePractice(deps.practices, session.practiceId);
    return c.json(await cancelPlan({ db, practice, accountId: session.accountId, now }, c.req.param('id')));
  });

  app.post('/v1/plans/:id/payoff', async (c) => {
    const now = deps.now();
    const session = await requireSession(c, deps, now);
    const key = c.req.header('idempotency-key') ?? '';
    if (!IDEMPOTENCY_KEY.test(key)) throw keyRequired();
    const body = await readJson(c, PlanPayoffRequestSchema);
    if (!deps.processor) throw new ApiProblem(503, 'payments_unavailable', 'Online payments are not available right now.');
    const practice = requirePractice(deps.practices, session.practiceId);
    const planId = c.req.param('id');
    const ctx = { db, practice, accountId: session.accountId, now };
    // The plan is reserved for this pay-off (no installment is charged beside it) until its
    // payment is known: paid ends the plan, declined frees it.
    const { amountCents } = await startPayoff(ctx, planId, key);
    // The patient is present: their address and browser go with a bank debit's authorization.
    let outcome: PaymentOutcome;
    try {
      outcome = await takePayment(paymentContext(c, deps, deps.processor, session, now), payoffPaymentKey(planId, key), {
        amountCents,
        token: body.token,
        ...(body.authorization ? { authorization: body.authorization } : {}),
      });
    } finally {
      await finishPayoff(ctx, planId, isoDate(now));
    }
    const payment = receiptOf(outcome, 'The payment was declined. Nothing was charged, and the plan goes on.');
    const plan = await planView(db, planId, session.accountId, isoDate(now));
    return c.json({ plan, payment });
  });
}
