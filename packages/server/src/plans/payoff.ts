import type { Payment, Plan, PlanPayoffRequest } from '@billpay/sdk';
import type { Transaction } from 'kysely';
import { isoDate } from '../dates.js';
import type { Database } from '../db/schema.js';
import { DomainError } from '../domain/errors.js';
import { recordEvent } from '../events/outbox.js';
import { receiptOf, takePayment, type PaymentContext, type PaymentOutcome } from '../payments/payments.js';
import { availableBalance, lockAccount, type PlanContext } from './rows.js';
import { refreshPlanIn } from './refresh.js';
import { payoffPaymentKey } from './status.js';
import { currentPlanView } from './view.js';

/** Cancels a running plan: nothing more is charged or due (a charge already under way completes). */
export async function cancelPlan(ctx: PlanContext, planId: string): Promise<Plan> {
  const today = isoDate(ctx.now);
  await ctx.db.transaction().execute(async (trx) => {
    const mine = await trx.selectFrom('plans').select('id').where('id', '=', planId).where('account_id', '=', ctx.accountId).executeTakeFirst();
    if (!mine) throw new DomainError('plan_not_found', 'There is no such plan on this account.');
    await cancelPlanIn(trx, mine.id, today, ctx.now);
  });
  const plan = await currentPlanView(ctx.db, planId, ctx.accountId, today, ctx.now);
  if (!plan) throw new DomainError('plan_not_found', 'There is no such plan on this account.');
  return plan;
}

/**
 * `cancelPlan` in the caller's transaction, for a plan the caller found (the patient's, or one of
 * the practice's for its billing office): whether it canceled it now (false: it was already).
 */
export async function cancelPlanIn(trx: Transaction<Database>, planId: string, today: string, now: Date): Promise<boolean> {
  // As it stands today (a manual plan may have been paid in full meanwhile).
  const plan = await refreshPlanIn(trx, planId, today, now);
  if (!plan) throw new DomainError('plan_not_found', 'There is no such plan on this account.');
  if (plan.status === 'canceled') return false;
  if (plan.status !== 'active' && plan.status !== 'delinquent') {
    throw new DomainError('plan_not_active', `This plan is ${plan.status === 'paid_off' ? 'paid off' : 'completed'}: there is nothing to cancel.`);
  }
  if (plan.payoff_key) throw new DomainError('plan_busy', 'This plan is being paid off right now. Try again in a moment.', { retryAfterSeconds: 2 });
  // A payment already at the processor may still go through (after an outage, recovery drives
  // it on): cancelling now would promise that no more is taken and then take it. The runner
  // claims installments under this plan's lock, so none starts between this check and the cancel.
  const charging = await trx.selectFrom('plan_installments').select('id').where('plan_id', '=', plan.id).where('status', '=', 'charging').executeTakeFirst();
  if (charging) {
    throw new DomainError('plan_busy', 'A payment of this plan is being processed right now, so the plan cannot be canceled yet. Try again in a few minutes.', { retryAfterSeconds: 60 });
  }
  await trx
    .updateTable('plan_installments')
    .set({ status: 'canceled', updated_at: now })
    .where('plan_id', '=', plan.id)
    .where('status', 'in', ['scheduled', 'failed'])
    .execute();
  await trx.updateTable('plans').set({ status: 'canceled', canceled_on: today, updated_at: now }).where('id', '=', plan.id).execute();
  await recordEvent(trx, { practiceId: plan.practice_id, type: 'plan.canceled', accountId: plan.account_id, data: { planId: plan.id, canceledOn: today }, now });
  return true;
}

/**
 * Reserves a plan for a pay-off under the client's key, so no installment is charged beside it,
 * and says how much to take: what the plan has left (at most the balance). A repeated key finds
 * its reservation (or its finished pay-off) and the amount it was for.
 */
export async function startPayoff(ctx: PlanContext, planId: string, clientKey: string): Promise<{ amountCents: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    await lockAccount(trx, ctx.accountId);
    const mine = await trx.selectFrom('plans').select('id').where('id', '=', planId).where('account_id', '=', ctx.accountId).executeTakeFirst();
    // What is left is what the plan has left today (a patient's payment may have paid some).
    const plan = mine && (await refreshPlanIn(trx, mine.id, isoDate(ctx.now), ctx.now));
    if (!plan) throw new DomainError('plan_not_found', 'There is no such plan on this account.');
    const key = payoffPaymentKey(plan.id, clientKey);
    const earlier = await trx.selectFrom('payments').select(['amount_cents']).where('practice_id', '=', plan.practice_id).where('idempotency_key', '=', key).executeTakeFirst();
    if (earlier) return { amountCents: earlier.amount_cents };
    if (plan.status !== 'active' && plan.status !== 'delinquent') {
      throw new DomainError('plan_not_active', 'This plan is not running: there is nothing left to pay on it.');
    }
    if (plan.payoff_key && plan.payoff_key !== clientKey) {
      throw new DomainError('plan_busy', 'This plan is being paid off right now. Try again in a moment.', { retryAfterSeconds: 2 });
    }
    const installments = await trx.selectFrom('plan_installments').select(['status', 'amount_cents']).where('plan_id', '=', plan.id).execute();
    if (installments.some((i) => i.status === 'charging')) {
      throw new DomainError('plan_busy', 'A payment of this plan is being charged right now. Try again in a moment.', { retryAfterSeconds: 5 });
    }
    const left = installments.filter((i) => i.status === 'scheduled' || i.status === 'failed').reduce((total, i) => total + i.amount_cents, 0);
    const amountCents = Math.min(left, await availableBalance(trx, plan.account_id));
    if (amountCents < 100) throw new DomainError('plan_not_active', 'There is nothing left to pay on this plan.');
    await trx.updateTable('plans').set({ payoff_key: clientKey, payoff_started_at: ctx.now, updated_at: ctx.now }).where('id', '=', plan.id).execute();
    return { amountCents };
  });
}

/** Finishes a pay-off from its payment: paid (or a bank debit on its way) ends the plan; declined frees it. */
export async function finishPayoff(ctx: PlanContext, planId: string, today: string): Promise<void> {
  await ctx.db.transaction().execute((trx) => refreshPlanIn(trx, planId, today, ctx.now, { payoffGraceMs: 0 }));
}

/**
 * Pays a plan off in one payment, in the patient's presence: the plan is reserved for this pay-off
 * (no installment is charged beside it) until its payment is known, then paid ends the plan and
 * declined frees it. A repeated key finds its reservation and its payment.
 */
export async function payOffPlan(payment: PaymentContext, planId: string, clientKey: string, request: PlanPayoffRequest): Promise<{ plan: Plan | undefined; payment: Payment }> {
  const ctx: PlanContext = { db: payment.db, practice: payment.practice, accountId: payment.accountId, now: payment.now };
  const { amountCents } = await startPayoff(ctx, planId, clientKey);
  let outcome: PaymentOutcome;
  try {
    outcome = await takePayment(payment, payoffPaymentKey(planId, clientKey), {
      amountCents,
      token: request.token,
      ...(request.authorization ? { authorization: request.authorization } : {}),
    });
  } finally {
    await finishPayoff(ctx, planId, isoDate(ctx.now));
  }
  const receipt = receiptOf(outcome, 'The payment was declined. Nothing was charged, and the plan goes on.');
  return { plan: await currentPlanView(ctx.db, planId, ctx.accountId, isoDate(ctx.now), ctx.now), payment: receipt };
}
