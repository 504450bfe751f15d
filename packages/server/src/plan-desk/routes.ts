import { IsoDateSchema } from '@billpay/sdk';
import { AccountNoticeSchema, PlanChangeResultSchema, PlanDeskSchema } from '@billpay/sdk/admin-desk';
import { sendPlanMethodLink } from '../account-desk/notices.js';
import { Hono, type Context } from 'hono';
import { describeRoute } from 'hono-openapi';
import * as z from 'zod/mini';
import { PLAN_CHANGE_REASONS } from '../db/plan-desk-migration.js';
import { requireScope, type ApiKeyEnv } from '../http/api-key.js';
import type { ApiDeps } from '../http/context.js';
import { idempotencyKey, type IdempotencyEnv } from '../http/idempotency.js';
import { ApiProblem } from '../http/problem.js';
import { json, problem } from '../http/openapi.js';
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

  desk.get('/:id', requireScope('read'), describeRoute({
    operationId: 'getPracticePlan',
    summary: 'A plan of the practice: the plan as the patient sees it, its account, charge attempts and changes',
    responses: { '200': { description: 'The plan', content: json(PlanDeskSchema) }, '404': problem('`plan_not_found`') },
  }), async (c) => {
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

  const changed = (operationId: string, summary: string, extra: Record<string, ReturnType<typeof problem>> = {}) =>
    describeRoute({
      operationId,
      summary,
      responses: {
        '201': { description: 'The change made and the plan as it now stands (200 when the Idempotency-Key was seen before)', content: json(PlanChangeResultSchema) },
        '404': problem('`plan_not_found`, `installment_not_found`'),
        '409': problem('`plan_not_active`, `plan_busy`, `installment_busy`, `installment_closed`, `nothing_to_change`, `idempotency_conflict`'),
        ...extra,
      },
    });

  desk.post('/:id/cancel', requireScope('refunds'), idempotencyKey('plan change'), jsonBody(CancelSchema), changed('cancelPlan', 'Cancel a plan: nothing more is due or charged (`plan.canceled`)'), (c) => change(c, c.req.param('id'), { kind: 'cancel', ...c.req.valid('json') }));
  desk.post('/:id/installments/:number/skip', requireScope('refunds'), idempotencyKey('plan change'), jsonBody(SkipSchema), changed('skipInstallment', "Skip an installment: its amount is due one period after the plan's last date (`plan.changed`)"), (c) =>
    change(c, c.req.param('id'), { kind: 'skip', number: numberOf(c.req.param('number')), ...c.req.valid('json') }),
  );
  desk.post('/:id/installments/:number/move', requireScope('refunds'), idempotencyKey('plan change'), jsonBody(MoveSchema), changed('moveInstallment', 'Move an installment to `dueOn`, within the plan policy (`plan.changed`)', { '422': problem('`move_out_of_window`') }), (c) =>
    change(c, c.req.param('id'), { kind: 'move', number: numberOf(c.req.param('number')), ...c.req.valid('json') }),
  );
  desk.post('/:id/amount', requireScope('refunds'), idempotencyKey('plan change'), jsonBody(AmountSchema), changed('changePlanAmount', 'Re-cut the installments left into parts of `amountCents` (`plan.changed`)'), (c) => change(c, c.req.param('id'), { kind: 'amount', ...c.req.valid('json') }));

  // Asking the patient for a new way to pay: the scope of changing what a patient pays, as the changes above.
  desk.post('/:id/method-link', requireScope('refunds'), idempotencyKey('notice'), describeRoute({
    operationId: 'sendPlanMethodLink',
    summary: "Email the patient a link to change an automatic plan's payment method (they give the new method and authorization; staff never do); once per Idempotency-Key",
    responses: {
      '201': { description: 'The notice, waiting to be sent (the address masked)', content: json(AccountNoticeSchema) },
      '404': problem('`plan_not_found`'),
      '409': problem('`plan_not_active`, `plan_not_automatic` (paid by hand), `no_email` (the account has no email address), `idempotency_conflict`'),
    },
  }), async (c) => {
    const planId = idOf(c.req.param('id'));
    const found = await practicePlan(db, c.var.practice.id, planId);
    if (!found) throw planNotFound();
    c.set('auditAccountId', found.accountId);
    return c.json(await sendPlanMethodLink(db, c.var.practice.id, planId, c.var.idempotencyKey, c.var.now), 201);
  });

  return desk;
}
