import { IsoDateSchema } from '@billpay/sdk';
import { Hono, type Context } from 'hono';
import * as z from 'zod/mini';
import { PLAN_CHANGE_REASONS } from '../db/plan-desk-migration.js';
import { requireScope, type ApiKeyEnv } from '../http/api-key.js';
import type { ApiDeps } from '../http/context.js';
import { idempotencyKey, type IdempotencyEnv } from '../http/idempotency.js';
import { ApiProblem } from '../http/problem.js';
import { jsonBody } from '../http/request.js';
import { changePlan, type PlanChangeRequest } from './changes.js';
import { planDeskView, practicePlan } from './view.js';

/** The longest id looked up (ours are 37 characters). */
const MAX_ID = 64;
/** The most an installment may be: $1,000,000.00, the API's largest amount. */
const MAX_AMOUNT_CENTS = 100_000_000;

const Why = { reason: z.enum(PLAN_CHANGE_REASONS), note: z.optional(z.string().check(z.minLength(1), z.maxLength(500))) };
const CancelSchema = z.object(Why);
const SkipSchema = z.object(Why);
const MoveSchema = z.object({ dueOn: IsoDateSchema, ...Why });
const AmountSchema = z.object({ amountCents: z.int().check(z.minimum(1), z.maximum(MAX_AMOUNT_CENTS)), ...Why });

const planNotFound = () => new ApiProblem(404, 'plan_not_found', 'There is no such plan at this practice.');

function idOf(id: string): string {
  if (id.length > MAX_ID) throw planNotFound();
  return id;
}

function numberOf(text: string): number {
  if (!/^[1-9]\d{0,3}$/.test(text)) throw new ApiProblem(404, 'installment_not_found', 'There is no such installment in this plan.');
  return Number(text);
}

/**
 * The billing office's plan desk, under `/admin/v1/plans` (issue 14, "Plans"): see a plan of the
 * practice with its schedule, charge attempts and changes (scope `read`); cancel it, skip or move
 * one installment, or change the amount of the installments left (scope `refunds`, the one for
 * changing what a patient pays, as fees use), each exactly once per Idempotency-Key and answered
 * with the plan as it then stands and the change made. A plan of another practice is not found,
 * exactly like one that does not exist; each call is audited with the plan's account.
 */
export function planDeskRoutes(deps: ApiDeps): Hono<ApiKeyEnv> {
  const { db } = deps.database;
  const desk = new Hono<ApiKeyEnv>();

  desk.get('/:id', requireScope('read'), async (c) => {
    const view = await planDeskView(db, c.var.practice.id, idOf(c.req.param('id')), c.var.now);
    if (!view) throw planNotFound();
    const found = await practicePlan(db, c.var.practice.id, view.plan.id);
    c.set('auditAccountId', found?.accountId);
    return c.json(view);
  });

  const change = async (c: Context<ApiKeyEnv & IdempotencyEnv>, id: string, request: PlanChangeRequest) => {
    const planId = idOf(id);
    const found = await practicePlan(db, c.var.practice.id, planId);
    if (!found) throw planNotFound();
    c.set('auditAccountId', found.accountId);
    const { caller, practice, now } = c.var;
    const made = await changePlan({ db, practice, now, apiKeyId: caller.keyId, staffId: caller.staffId }, planId, c.var.idempotencyKey, request);
    const view = await planDeskView(db, practice.id, planId, now);
    if (!view) throw planNotFound();
    return c.json({ change: view.changes.find((x) => x.id === made.changeId), ...view }, made.created ? 201 : 200);
  };

  desk.post('/:id/cancel', requireScope('refunds'), idempotencyKey('plan change'), jsonBody(CancelSchema), (c) => change(c, c.req.param('id'), { kind: 'cancel', ...c.req.valid('json') }));
  desk.post('/:id/installments/:number/skip', requireScope('refunds'), idempotencyKey('plan change'), jsonBody(SkipSchema), (c) =>
    change(c, c.req.param('id'), { kind: 'skip', number: numberOf(c.req.param('number')), ...c.req.valid('json') }),
  );
  desk.post('/:id/installments/:number/move', requireScope('refunds'), idempotencyKey('plan change'), jsonBody(MoveSchema), (c) =>
    change(c, c.req.param('id'), { kind: 'move', number: numberOf(c.req.param('number')), ...c.req.valid('json') }),
  );
  desk.post('/:id/amount', requireScope('refunds'), idempotencyKey('plan change'), jsonBody(AmountSchema), (c) => change(c, c.req.param('id'), { kind: 'amount', ...c.req.valid('json') }));

  return desk;
}
