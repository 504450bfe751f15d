import { randomUUID } from 'node:crypto';
import {
  changeInstallmentAmount,
  moveInstallment,
  skipInstallment,
  type ChangeableInstallment,
  type ChangeablePlan,
  type PlanChangeRefusal,
} from '@billpay/sdk';
import type { Transaction } from 'kysely';
import { isoDate } from '../dates.js';
import type { PlanChangeKind, PlanChangeReason } from '../db/plan-desk-migration.js';
import type { Database } from '../db/schema.js';
import { DomainError } from '../domain/errors.js';
import { recordEvent } from '../events/outbox.js';
import { cancelPlanIn } from '../plans/payoff.js';
import { refreshPlanIn } from '../plans/refresh.js';
import { lockAccount, type Db, type InstallmentRow, type PlanRow } from '../plans/rows.js';
import type { PracticeConfig } from '../practices/practices.js';
import { requestHash } from '../security/request-hash.js';
import { queuePlanAmountNotice } from '../messages/outbox.js';

/**
 * The billing office's changes to a plan (issue 14, "Plans"): cancel it, skip or move one
 * installment, change the amount of the installments left. The rules are the SDK's
 * (`plan-changes.ts`); here each change is made exactly once per Idempotency-Key, under the
 * account's and the plan's locks, on the plan as it stands today, and recorded as a new
 * `plan_changes` row (what changed, before and after, why, by whom) with a `plan.changed` (or
 * `plan.canceled`) event. A paid installment, or one being charged, is never touched: only what
 * is still to be paid changes; a skipped one is canceled and its amount added as a new installment.
 */

export type PlanChangeRequest = { readonly reason: PlanChangeReason; readonly note?: string | undefined } & (
  | { readonly kind: 'cancel' }
  | { readonly kind: 'skip'; readonly number: number }
  | { readonly kind: 'move'; readonly number: number; readonly dueOn: string }
  | { readonly kind: 'amount'; readonly amountCents: number }
);

export interface PlanChangeContext {
  readonly db: Db;
  readonly practice: PracticeConfig;
  readonly now: Date;
  readonly apiKeyId: string | null;
  readonly staffId: string | null;
}

const planNotFound = () => new DomainError('plan_not_found', 'There is no such plan at this practice.');

function refusalError(refusal: PlanChangeRefusal, field: string): DomainError {
  return new DomainError(refusal.code, refusal.message, {
    issues: [{ path: [field], code: refusal.code, message: refusal.message }],
    details: {
      ...(refusal.minimumCents !== undefined ? { minimumCents: refusal.minimumCents } : {}),
      ...(refusal.maximumCents !== undefined ? { maximumCents: refusal.maximumCents } : {}),
      param: field,
    },
  });
}

const changeablePlan = (plan: PlanRow): ChangeablePlan => ({ status: plan.status, mode: plan.mode, frequency: plan.frequency, firstDate: plan.first_date, lastDate: plan.last_date });
const changeable = (row: InstallmentRow): ChangeableInstallment => ({ number: row.number, status: row.status, nextDueOn: row.next_attempt_on, amountCents: row.amount_cents });

/** What one change did, for its record and its event. */
interface Made {
  readonly installmentNumber: number | null;
  readonly detail: Record<string, string | number | boolean | null>;
  /** An amount change's installments, before and after (in the record, not the event). */
  readonly installments?: readonly { number: number; fromCents: number; amountCents: number }[];
  readonly noticeRequired?: boolean;
  readonly effectiveFrom?: string | null;
}

/**
 * Makes `request` on the practice's plan `planId` once per `key`: the id of its change record, and
 * whether this call made it (a repeated key with the same request answers the first one's record).
 */
export async function changePlan(ctx: PlanChangeContext, planId: string, key: string, request: PlanChangeRequest): Promise<{ changeId: string; accountId: string; created: boolean }> {
  const today = isoDate(ctx.now);
  const hash = requestHash({ planId, ...request }, 'plan-change:');
  return ctx.db.transaction().execute(async (trx) => {
    const found = await trx.selectFrom('plans').select(['id', 'account_id']).where('id', '=', planId).where('practice_id', '=', ctx.practice.id).executeTakeFirst();
    if (!found) throw planNotFound();
    // The order every writer takes: the account, then the plan (`refreshPlanIn` locks the plan and its installments).
    await lockAccount(trx, found.account_id);
    const earlier = await trx.selectFrom('plan_changes').select(['id', 'request_hash']).where('practice_id', '=', ctx.practice.id).where('idempotency_key', '=', key).executeTakeFirst();
    if (earlier) {
      if (earlier.request_hash !== hash) throw new DomainError('idempotency_conflict', 'This Idempotency-Key was already used for a different change.');
      return { changeId: earlier.id, accountId: found.account_id, created: false };
    }
    const made = await make(trx, ctx, found.id, request, today);
    const changeId = `pchg_${randomUUID().replace(/-/g, '')}`;
    await trx
      .insertInto('plan_changes')
      .values({
        id: changeId,
        practice_id: ctx.practice.id,
        plan_id: found.id,
        account_id: found.account_id,
        idempotency_key: key,
        request_hash: hash,
        kind: request.kind,
        installment_number: made.installmentNumber,
        detail: JSON.stringify({ ...made.detail, ...(made.installments ? { installments: made.installments } : {}) }),
        reason: request.reason,
        note: request.note ?? null,
        notice_required: made.noticeRequired ?? false,
        effective_from: made.effectiveFrom ?? null,
        api_key_id: ctx.apiKeyId,
        staff_id: ctx.staffId,
        created_at: ctx.now,
      })
      .execute();
    if (request.kind !== 'cancel') {
      await recordEvent(trx, {
        practiceId: ctx.practice.id,
        type: 'plan.changed',
        accountId: found.account_id,
        data: { planId: found.id, changeId, change: request.kind, installmentNumber: made.installmentNumber, noticeRequired: made.noticeRequired ?? false, effectiveFrom: made.effectiveFrom ?? null, ...made.detail },
        now: ctx.now,
      });
      // The plan's standing with the change (a skipped missed payment is no longer behind).
      await refreshPlanIn(trx, found.id, today, ctx.now);
      // Regulation E: the patient is told the new amounts, with the change (10 days before the first, by the rule that made it).
      if (made.noticeRequired) await queuePlanAmountNotice(trx, found.id, changeId, ctx.now);
    }
    return { changeId, accountId: found.account_id, created: true };
  });
}

async function make(trx: Transaction<Database>, ctx: PlanChangeContext, planId: string, request: PlanChangeRequest, today: string): Promise<Made> {
  const now = ctx.now;
  if (request.kind === 'cancel') {
    if (!(await cancelPlanIn(trx, planId, today, now))) throw new DomainError('plan_not_active', 'This plan is already canceled.');
    return { installmentNumber: null, detail: { canceledOn: today } };
  }
  const plan = await refreshPlanIn(trx, planId, today, now);
  if (!plan) throw planNotFound();
  if (plan.payoff_key) throw new DomainError('plan_busy', 'This plan is being paid off right now. Try again in a moment.', { retryAfterSeconds: 2 });
  const policy = ctx.practice.planPolicy;
  if (!policy) throw new DomainError('plans_not_offered', 'This practice does not offer payment plans.');
  const rows = await trx.selectFrom('plan_installments').selectAll().where('plan_id', '=', planId).orderBy('number').execute();
  const installments = rows.map(changeable);
  const rowOf = (number: number) => rows.find((r) => r.number === number)!;
  const nextNumber = () => Math.max(...rows.map((r) => r.number)) + 1;
  const add = async (number: number, dueOn: string, amountCents: number) => {
    await trx
      .insertInto('plan_installments')
      .values({ id: `${planId}_${number}`, plan_id: planId, number, kind: 'installment', due_on: dueOn, amount_cents: amountCents, status: 'scheduled', next_attempt_on: dueOn, updated_at: now })
      .execute();
  };
  const kind: PlanChangeKind = request.kind;

  if (kind === 'move' && request.kind === 'move') {
    const moved = moveInstallment(changeablePlan(plan), installments, request.number, request.dueOn, today);
    if (!moved.ok) throw refusalError(moved, 'dueOn');
    const row = rowOf(moved.number);
    // A scheduled installment's date is the schedule's; a failed one keeps the date it failed on and is due again on the new one.
    await trx
      .updateTable('plan_installments')
      .set({ ...(row.status === 'scheduled' ? { due_on: moved.dueOn } : {}), next_attempt_on: moved.dueOn, updated_at: now })
      .where('id', '=', row.id)
      .execute();
    return { installmentNumber: moved.number, detail: { fromDate: moved.fromDate, dueOn: moved.dueOn, amountCents: row.amount_cents } };
  }

  if (kind === 'skip' && request.kind === 'skip') {
    const skipped = skipInstallment(changeablePlan(plan), installments, request.number, policy);
    if (!skipped.ok) throw refusalError(skipped, 'number');
    const number = nextNumber();
    await trx.updateTable('plan_installments').set({ status: 'canceled', updated_at: now }).where('id', '=', rowOf(skipped.number).id).execute();
    await add(number, skipped.dueOn, skipped.amountCents);
    await trx.updateTable('plans').set({ last_date: skipped.dueOn, updated_at: now }).where('id', '=', planId).execute();
    return { installmentNumber: skipped.number, detail: { fromDate: skipped.fromDate, dueOn: skipped.dueOn, amountCents: skipped.amountCents, newInstallmentNumber: number } };
  }

  if (request.kind !== 'amount') throw new Error(`unknown plan change ${kind}`);
  const change = changeInstallmentAmount(changeablePlan(plan), installments, request.amountCents, policy, today);
  if (!change.ok) throw refusalError(change, 'amountCents');
  // Only installments still to be paid change (their attempts keep what each attempt was for); the record keeps each one's amount before.
  for (const update of change.updates) {
    await trx.updateTable('plan_installments').set({ amount_cents: update.amountCents, updated_at: now }).where('id', '=', rowOf(update.number).id).execute();
  }
  if (change.cancels.length > 0) {
    await trx.updateTable('plan_installments').set({ status: 'canceled', updated_at: now }).where('id', 'in', change.cancels.map((n) => rowOf(n).id)).execute();
  }
  let number = nextNumber();
  for (const append of change.appends) await add(number++, append.dueOn, append.amountCents);
  await trx.updateTable('plans').set({ installment_cents: request.amountCents, last_date: change.lastDate, updated_at: now }).where('id', '=', planId).execute();
  return {
    installmentNumber: null,
    detail: {
      fromCents: plan.installment_cents,
      amountCents: request.amountCents,
      coveredCents: change.coveredCents,
      changed: change.updates.length,
      canceled: change.cancels.length,
      added: change.appends.length,
      unchangedWithinNotice: change.unchanged.length,
      lastDate: change.lastDate,
    },
    installments: change.updates.map((u) => ({ number: u.number, fromCents: u.fromCents, amountCents: u.amountCents })),
    noticeRequired: change.noticeRequired,
    effectiveFrom: change.effectiveFrom,
  };
}
