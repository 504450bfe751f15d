import type { Plan, PlanMethodRequest } from '@billpay/sdk';
import { isoDate } from '../dates.js';
import { DomainError } from '../domain/errors.js';
import { recordEvent } from '../events/outbox.js';
import { checkDebitAuthorization } from '../payments/authorization.js';
import type { DescribeToken } from '../payments/token.js';
import { requestHash } from '../security/request-hash.js';
import { authorizationRecord, checkAutopayToken, methodColumns, type PlanActor } from './plans.js';
import { refreshPlanIn } from './refresh.js';
import { lockAccount, RUNNING, type PlanContext } from './rows.js';
import { currentPlanView } from './view.js';

const planNotFound = () => new DomainError('plan_not_found', 'There is no such plan on this account.');

/**
 * The patient changes the payment method of their automatic plan (issue 14: the billing office
 * sends the link, the patient gives the new authorization): the new bank account or saved card is
 * checked as a plan's is when it is set up (`checkAutopayToken`), and the authorization as the
 * patient's own, accepted within the last day (`checkDebitAuthorization`). Under the account's and
 * the plan's locks, on the plan as it stands today, the authorization in force is marked replaced
 * (kept as proof of the charges made under it), the new one recorded with who, when and from
 * where, the plan's token changed, and a `plan.changed` event written, all in one transaction.
 * Nothing is charged: the installments left (a failed one when it is due again) are charged to the
 * new method by the installment runner. Once per Idempotency-Key within the account.
 *
 * A plan the patient pays by hand is refused (`plan_not_automatic`): it becomes automatic by a
 * new plan, with the practice's rules for automatic payment, not by a change of method.
 */
export async function changePlanMethod(ctx: PlanContext, planId: string, idempotencyKey: string, request: PlanMethodRequest, actor: PlanActor, describe: DescribeToken): Promise<Plan> {
  const { payment } = request;
  const hash = requestHash({ planId, ...request }, 'plan-method:');
  const today = isoDate(ctx.now);
  const owned = await ctx.db.selectFrom('plans').select('id').where('id', '=', planId).where('account_id', '=', ctx.accountId).where('practice_id', '=', ctx.practice.id).executeTakeFirst();
  if (!owned) throw planNotFound();
  // Outside the transaction: no account waits on the processor.
  const described = await checkAutopayToken(describe, payment.token, payment.method);
  await ctx.db.transaction().execute(async (trx) => {
    const account = await lockAccount(trx, ctx.accountId);
    const earlier = await trx
      .selectFrom('plan_authorizations')
      .select(['plan_id', 'request_hash'])
      .where('account_id', '=', ctx.accountId)
      .where('idempotency_key', '=', idempotencyKey)
      .executeTakeFirst();
    if (earlier) {
      if (earlier.request_hash !== hash || earlier.plan_id !== planId) throw new DomainError('idempotency_conflict', 'This Idempotency-Key was already used for a different change.');
      return;
    }
    const plan = await refreshPlanIn(trx, planId, today, ctx.now);
    if (!plan) throw planNotFound();
    if (!(RUNNING as readonly string[]).includes(plan.status)) throw new DomainError('plan_not_active', 'This plan is no longer running: there is nothing left to charge.');
    if (plan.mode !== 'automatic') {
      throw new DomainError('plan_not_automatic', 'This plan is paid by hand: there is no automatic payment method to change.');
    }
    const charging = await trx.selectFrom('plan_installments').select('id').where('plan_id', '=', planId).where('status', '=', 'charging').executeTakeFirst();
    if (plan.payoff_key || charging) throw new DomainError('plan_busy', 'A payment of this plan is being made right now. Try again in a moment.', { retryAfterSeconds: 2 });
    // The patient is present: the authorization must be recent, as when a plan is set up.
    const authorization = checkDebitAuthorization(payment.authorization, ctx.now, true, ['payment']);

    await trx.updateTable('plan_authorizations').set({ replaced_at: ctx.now }).where('plan_id', '=', planId).where('replaced_at', 'is', null).execute();
    await trx
      .insertInto('plan_authorizations')
      .values({ ...authorizationRecord(planId, account, actor, payment.method, authorization, ctx.now), idempotency_key: idempotencyKey, request_hash: hash })
      .execute();
    await trx
      .updateTable('plans')
      .set({ method_kind: payment.method, token: payment.token, ...methodColumns(described), updated_at: ctx.now })
      .where('id', '=', planId)
      .execute();
    await recordEvent(trx, {
      practiceId: ctx.practice.id,
      type: 'plan.changed',
      accountId: ctx.accountId,
      data: { planId, change: 'method', method: payment.method, fromMethod: plan.method_kind },
      now: ctx.now,
    });
  });
  const view = await currentPlanView(ctx.db, planId, ctx.accountId, today, ctx.now);
  if (!view) throw planNotFound();
  return view;
}
