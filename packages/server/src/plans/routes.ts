import { PlanPayoffRequestSchema, PlanRequestSchema } from '@billpay/sdk';
import type { Hono } from 'hono';
import { isoDate } from '../dates.js';
import type { ApiDeps, AppEnv } from '../http/context.js';
import { idempotencyKeyOf } from '../http/idempotency.js';
import { ApiProblem, readJson } from '../http/problem.js';
import { payerOf, paymentContext, requireSession } from '../http/session.js';
import { cancelPlan, payOffPlan } from './payoff.js';
import { createPlan, planOptions } from './plans.js';
import { currentPlanView } from './view.js';

const paymentsUnavailable = () => new ApiProblem(503, 'payments_unavailable', 'Online payments are not available right now.');

/**
 * Payment plans of the session's account: `GET /v1/plans/options` (what the plan builder needs),
 * `POST /v1/plans` (exactly once per Idempotency-Key), `GET /v1/plans/:id`,
 * `POST /v1/plans/:id/cancel` and `POST /v1/plans/:id/payoff`.
 */
export function mountPlans(app: Hono<AppEnv>, deps: ApiDeps): void {
  const { db } = deps.database;
  const withSession = requireSession(deps);

  app.get('/v1/plans/options', withSession, async (c) => {
    const { session, practice, now } = c.var;
    return c.json(await planOptions(db, practice, session.accountId, now));
  });

  app.post('/v1/plans', withSession, async (c) => {
    const { session, practice, now } = c.var;
    const key = idempotencyKeyOf(c, 'attempt');
    const request = await readJson(c, PlanRequestSchema);
    const processor = deps.processor;
    if (request.payment.mode === 'automatic' && !processor) throw paymentsUnavailable();
    const describeToken = processor ? (token: string) => processor.token(practice.id, token) : undefined;
    // Who accepted the authorization, as this server saw them: kept with it as proof.
    const { plan } = await createPlan({ db, practice, accountId: session.accountId, now }, key, request, payerOf(c, deps), { describeToken });
    return c.json(plan, 201);
  });

  app.get('/v1/plans/:id', withSession, async (c) => {
    const { session, now } = c.var;
    const plan = await currentPlanView(db, c.req.param('id'), session.accountId, isoDate(now), now);
    if (!plan) throw new ApiProblem(404, 'plan_not_found', 'There is no such plan on this account.');
    return c.json(plan);
  });

  app.post('/v1/plans/:id/cancel', withSession, async (c) => {
    const { session, practice, now } = c.var;
    return c.json(await cancelPlan({ db, practice, accountId: session.accountId, now }, c.req.param('id')));
  });

  app.post('/v1/plans/:id/payoff', withSession, async (c) => {
    const key = idempotencyKeyOf(c, 'attempt');
    const body = await readJson(c, PlanPayoffRequestSchema);
    if (!deps.processor) throw paymentsUnavailable();
    // The patient is present: their address and browser go with a bank debit's authorization.
    return c.json(await payOffPlan(paymentContext(c, deps, deps.processor), c.req.param('id'), key, body));
  });
}
