import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { recordEvent, type EventType, type NewEvent } from '../events/outbox.js';
import { queueInstallmentFailed, queuePaymentReturned, queuePlanDelinquent } from '../messages/outbox.js';
import { availableBalance, RUNNING, type Db, type PlanRow } from './rows.js';
import { planStandingOn, rowsBehind, type PlanFacts, type PlanStanding } from './status.js';

/**
 * What a plan's standing is computed from (`planStandingOn`): its rows and the account's payments
 * since it was made. `lock` takes the plan's and its installments' row locks (a write path: two
 * runners, or a runner and a payment, take turns); a read takes none and writes nothing.
 */
export async function loadPlanFacts(db: Db, planId: string, options: { readonly lock: boolean; readonly accountId?: string }): Promise<PlanFacts | undefined> {
  let planQuery = db.selectFrom('plans').selectAll().where('id', '=', planId);
  if (options.accountId !== undefined) planQuery = planQuery.where('account_id', '=', options.accountId);
  const plan = await (options.lock ? planQuery.forUpdate() : planQuery).executeTakeFirst();
  if (!plan) return undefined;
  const installmentQuery = db.selectFrom('plan_installments').selectAll().where('plan_id', '=', plan.id).orderBy('number');
  const installments = await (options.lock ? installmentQuery.forUpdate() : installmentQuery).execute();
  const payments = await db
    .selectFrom('payments')
    .select(['id', 'status', 'amount_cents', 'created_at', 'idempotency_key'])
    .select((eb) =>
      eb
        .or([
          eb('idempotency_key', 'like', 'plan:%'),
          eb.exists(eb.selectFrom('plan_charge_attempts as a').select('a.id').whereRef('a.idempotency_key', '=', 'payments.idempotency_key')),
        ])
        .as('by_plan'),
    )
    .where('account_id', '=', plan.account_id)
    .where('created_at', '>=', plan.created_at)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return { plan, installments, payments: payments.map((p) => ({ ...p, by_plan: Boolean(p.by_plan) })), availableCents: await availableBalance(db, plan.account_id) };
}

/** A bank payment that came back, being applied in this transaction: its fee, told with it. */
export interface ReturnApplied {
  readonly paymentId: string;
  readonly feeCents: number;
}

/**
 * Writes what changed between two standings of a plan's rows (`updated_at` set on each row
 * written), and the events those changes make: an installment paid or failed, the plan
 * delinquent, completed or paid off; and the patient's messages: a payment failed, the plan
 * behind. Every write path stores a plan's standing here. A failure that is `returned` coming back
 * is told in the return's own message, with what it did to the plan: one message, not two.
 */
export async function storeStanding(trx: Transaction<Database>, before: PlanStanding, after: PlanStanding, now: Date, returned?: ReturnApplied): Promise<void> {
  const plan = after.plan;
  const event = (type: EventType, data: NewEvent['data']) => recordEvent(trx, { practiceId: plan.practice_id, type, accountId: plan.account_id, data: { planId: plan.id, ...data }, now });
  const planChanges = changed(before.plan, plan);
  if (planChanges) await trx.updateTable('plans').set({ ...planChanges, updated_at: now }).where('id', '=', plan.id).execute();
  const becameDelinquent = plan.status === 'delinquent' && before.plan.status !== 'delinquent';
  const automatic = plan.mode === 'automatic';
  let behindByReturn = false;
  const earlier = new Map(before.installments.map((i) => [i.id, i]));
  for (const installment of after.installments) {
    const was = earlier.get(installment.id);
    const changes = was ? changed(was, installment) : undefined;
    if (!was || !changes) continue;
    await trx.updateTable('plan_installments').set({ ...changes, updated_at: now }).where('id', '=', installment.id).execute();
    const data = { installmentNumber: installment.number, amountCents: installment.amount_cents, dueOn: installment.due_on, paymentId: installment.payment_id };
    if (installment.status === 'paid' && was.status !== 'paid') await event('plan.installment_paid', data);
    if (installment.failures > was.failures) {
      await event('plan.installment_failed', { ...data, failures: installment.failures });
      const byReturn = returned !== undefined && was.payment_id === returned.paymentId;
      // The patient is told what to do; a failure that makes the plan delinquent is told as that.
      if (becameDelinquent) behindByReturn ||= byReturn;
      else if (byReturn) await queuePaymentReturned(trx, plan.account_id, returned.paymentId, returned.feeCents, now, { kind: 'retry', automatic, dueOn: installment.due_on, retryOn: installment.next_attempt_on });
      else {
        const failure = { accountId: plan.account_id, planId: plan.id, installmentId: installment.id, failures: installment.failures, dueOn: installment.due_on, amountCents: installment.amount_cents, retryOn: installment.next_attempt_on };
        await queueInstallmentFailed(trx, failure, now);
      }
    }
  }
  const became = planChanges?.status;
  if (became === 'delinquent' || became === 'completed' || became === 'paid_off') await event(`plan.${became}`, { status: became });
  if (became === 'delinquent' && plan.delinquent_since) {
    const behind = rowsBehind(plan, after.installments, plan.delinquent_since);
    const behindCents = behind.reduce((sum, i) => sum + i.amount_cents, 0);
    if (behindByReturn && returned) await queuePaymentReturned(trx, plan.account_id, returned.paymentId, returned.feeCents, now, { kind: 'behind', automatic, missed: plan.failures_in_row, behindCents });
    else await queuePlanDelinquent(trx, { accountId: plan.account_id, planId: plan.id, since: plan.delinquent_since, missed: plan.failures_in_row, behindCents }, now);
  }
}

function changed<T extends object>(before: T, after: T): Partial<T> | undefined {
  const same = (a: unknown, b: unknown) => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b);
  const changes = Object.fromEntries(Object.entries(after).filter(([key, value]) => key !== 'updated_at' && !same(before[key as keyof T], value))) as Partial<T>;
  return Object.keys(changes).length > 0 ? changes : undefined;
}

/**
 * Stores a running plan's standing on `today` (`planStandingOn`), under the plan's row lock: what
 * the write paths do (the installment runner, a payment taken, bank events applied), so the
 * stored rows are what the reads show.
 */
export async function refreshPlan(db: Db, planId: string, today: string, now: Date): Promise<void> {
  await db.transaction().execute((trx) => refreshPlanIn(trx, planId, today, now));
}

/** `refreshPlan` in the caller's transaction; `payoffGraceMs` 0 settles a pay-off whose payment is known now. */
export async function refreshPlanIn(trx: Transaction<Database>, planId: string, today: string, now: Date, options: { readonly payoffGraceMs?: number; readonly returned?: ReturnApplied } = {}): Promise<PlanRow | undefined> {
  const facts = await loadPlanFacts(trx, planId, { lock: true });
  if (!facts) return undefined;
  const standing = planStandingOn(facts, today, now, options);
  await storeStanding(trx, facts, standing, now, options.returned);
  return standing.plan;
}

/** Stores the standing of the account's running plan, if it has one (after a payment, a bank event). */
export async function refreshRunningPlanOf(db: Db, accountId: string, today: string, now: Date): Promise<void> {
  await db.transaction().execute((trx) => refreshRunningPlanIn(trx, accountId, today, now));
}

/** `refreshRunningPlanOf` in the caller's transaction; `returned`, a bank payment coming back in it. */
export async function refreshRunningPlanIn(trx: Transaction<Database>, accountId: string, today: string, now: Date, returned?: ReturnApplied): Promise<void> {
  const running = await trx.selectFrom('plans').select('id').where('account_id', '=', accountId).where('status', 'in', RUNNING).execute();
  for (const { id } of running) await refreshPlanIn(trx, id, today, now, returned ? { returned } : {});
}
