import { PlanMethodRequestSchema, PlanOptionsSchema, PlanPayoffRequestSchema, PlanPayoffSchema, PlanRequestSchema, PlanSchema } from '@billpay/sdk';
import type { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { isoDate } from '../dates.js';
import type { ApiDeps, AppEnv } from '../http/context.js';
import { idempotencyKey } from '../http/idempotency.js';
import { json, problem } from '../http/openapi.js';
import { ApiProblem } from '../http/problem.js';
import { jsonBody } from '../http/request.js';
import { payerOf, paymentContext, requireSession } from '../http/session.js';
import { changePlanMethod } from './method.js';
import { cancelPlan, payOffPlan } from './payoff.js';
import { createPlan, planOptions } from './plans.js';
import { currentPlanView } from './view.js';

const paymentsUnavailable = () => new ApiProblem(503, 'payments_unavailable', 'Online payments are not available right now.');

/**
 * Payment plans of the session's account: `GET /v1/plans/options` (what the plan builder needs),
 * `POST /v1/plans` (exactly once per Idempotency-Key), `GET /v1/plans/:planId`,
 * `POST /v1/plans/:planId/cancel`, `POST /v1/plans/:planId/payoff` and
 * `POST /v1/plans/:planId/payment-method` (an automatic plan's new method and authorization).
 */
export function mountPlans(app: Hono<AppEnv>, deps: ApiDeps): void {
  const { db } = deps.database;
  const withSession = requireSession(deps);

  app.get('/v1/plans/options', withSession, describeRoute({
    operationId: 'getPlanOptions',
    summary: "What the plan builder needs for the session's account: the practice's plan policy, the balance a plan covers, today and the first-payment window, eligibility",
    responses: { '200': { description: 'The options', content: json(PlanOptionsSchema) }, '404': problem('`plans_not_offered`') },
  }), async (c) => {
    const { session, practice, now } = c.var;
    return c.json(await planOptions(db, practice, session.accountId, now));
  });

  app.post('/v1/plans', withSession, idempotencyKey('attempt'), jsonBody(PlanRequestSchema), describeRoute({
    operationId: 'createPlan',
    summary: "Set up a payment plan for the account's balance, exactly once per Idempotency-Key",
    description:
      'The server computes the schedule with the SDK\'s `planSchedule` and the practice\'s policy. Either `payments` or `amountCents`. Automatic payment needs a bank-account token and the recurring-debit authorization the patient accepted (kept with who, when, address and browser). Repeating a key with the same body returns the first plan; with another body, 409. A choice that breaks the policy is a 422 whose `code` names the rule and whose `planRules` give every rule broken with the nearest choices that work.',
    responses: {
      '201': { description: 'The plan and its full schedule', content: json(PlanSchema) },
      '400': problem('`invalid_request` or `idempotency_key_required`'),
      '404': problem('`plans_not_offered`'),
      '409': problem('`idempotency_conflict`, or `plan_exists` (the account already has a running plan)'),
      '422': problem(
        'A plan rule (`balance_too_small`, `frequency_not_offered`, `first_date_out_of_window`, `installment_too_small`, `amount_too_large`, `plan_too_long`, `down_payment_too_small`, `down_payment_too_large`, `autopay_not_offered`, `autopay_required`) with `planRules`; or `autopay_method_unavailable` (automatic payment by card), `invalid_token`, `authorization_invalid`',
      ),
      '503': problem('`processor_unavailable` or `payments_unavailable`: retry with the same key'),
    },
  }), async (c) => {
    const { session, practice, now } = c.var;
    const key = c.var.idempotencyKey;
    const request = c.req.valid('json');
    const processor = deps.processor;
    if (request.payment.mode === 'automatic' && !processor) throw paymentsUnavailable();
    const describeToken = processor ? (token: string) => processor.token(practice.id, token) : undefined;
    // Who accepted the authorization, as this server saw them: kept with it as proof.
    const { plan } = await createPlan({ db, practice, accountId: session.accountId, now }, key, request, payerOf(c, deps), { describeToken });
    return c.json(plan, 201);
  });

  app.get('/v1/plans/:planId', withSession, describeRoute({
    operationId: 'getPlan',
    summary: 'A plan of the account, with every installment and what became of it',
    responses: { '200': { description: 'The plan', content: json(PlanSchema) }, '404': problem('`plan_not_found`') },
  }), async (c) => {
    const { session, now } = c.var;
    const plan = await currentPlanView(db, c.req.param('planId'), session.accountId, isoDate(now), now);
    if (!plan) throw new ApiProblem(404, 'plan_not_found', 'There is no such plan on this account.');
    return c.json(plan);
  });

  app.post('/v1/plans/:planId/cancel', withSession, describeRoute({
    operationId: 'cancelPlan',
    summary: 'Cancel a plan: nothing more is due or charged (a charge under way completes). Repeating is harmless.',
    responses: {
      '200': { description: 'The canceled plan', content: json(PlanSchema) },
      '404': problem('`plan_not_found`'),
      '409': problem('`plan_not_active` (completed or paid off), or `plan_busy` (being paid off)'),
    },
  }), async (c) => {
    const { session, practice, now } = c.var;
    return c.json(await cancelPlan({ db, practice, accountId: session.accountId, now }, c.req.param('planId')));
  });

  app.post('/v1/plans/:planId/payment-method', withSession, idempotencyKey('attempt'), jsonBody(PlanMethodRequestSchema), describeRoute({
    operationId: 'changePlanMethod',
    summary: "Change the bank account or saved card an automatic plan's installments are charged to, with the patient's new authorization; exactly once per Idempotency-Key. Nothing is charged now.",
    description:
      'The new method is taken as `POST /v1/plans` takes an automatic payment\'s: a bank-account token or a card token saved for later payments (`reusable: true`), and the recurring-payment authorization the patient accepted, kept with who, when, address and browser; the one it replaces is kept too. A `plan.changed` event (`change: "method"`) is written with it.',
    responses: {
      '200': { description: 'The plan, with its new method and authorization', content: json(PlanSchema) },
      '400': problem('`invalid_request` or `idempotency_key_required`'),
      '404': problem('`plan_not_found`'),
      '409': problem('`plan_not_active` (canceled, completed or paid off), `plan_not_automatic` (paid by hand), `plan_busy` (a payment of it is being made), or `idempotency_conflict`'),
      '422': problem('`invalid_token`, `autopay_method_unavailable` (a card not saved for later payments), `authorization_invalid`'),
      '503': problem('`processor_unavailable` or `payments_unavailable`: retry with the same key'),
    },
  }), async (c) => {
    const { session, practice, now } = c.var;
    const processor = deps.processor;
    if (!processor) throw paymentsUnavailable();
    const planId = c.req.param('planId');
    if (planId.length > 64) throw new ApiProblem(404, 'plan_not_found', 'There is no such plan on this account.');
    const plan = await changePlanMethod({ db, practice, accountId: session.accountId, now }, planId, c.var.idempotencyKey, c.req.valid('json'), payerOf(c, deps), (token) => processor.token(practice.id, token));
    return c.json(plan);
  });

  app.post('/v1/plans/:planId/payoff', withSession, idempotencyKey('attempt'), jsonBody(PlanPayoffRequestSchema), describeRoute({
    operationId: 'payOffPlan',
    summary: 'Pay what a plan has left in one payment, exactly once per Idempotency-Key; the plan is then paid off',
    responses: {
      '200': { description: 'The paid-off plan and the receipt', content: json(PlanPayoffSchema) },
      '400': problem('`invalid_request` or `idempotency_key_required`'),
      '402': problem('`payment_declined`: nothing was charged; the plan goes on'),
      '404': problem('`plan_not_found`'),
      '409': problem('`plan_not_active`, `plan_busy` (an installment is being charged), or `idempotency_conflict`'),
      '422': problem('`amount_not_allowed`, `invalid_token`, `authorization_required` / `authorization_invalid` (bank account)'),
      '503': problem('`processor_unavailable`: retry with the same key'),
    },
  }), async (c) => {
    const key = c.var.idempotencyKey;
    const body = c.req.valid('json');
    if (!deps.processor) throw paymentsUnavailable();
    // The patient is present: their address and browser go with a bank debit's authorization.
    return c.json(await payOffPlan(paymentContext(c, deps, deps.processor), c.req.param('planId'), key, body));
  });
}
