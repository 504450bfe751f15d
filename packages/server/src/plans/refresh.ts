import { addDays } from '@billpay/sdk';
import type { Transaction } from 'kysely';
import { isoDate } from '../dates.js';
import type { Database } from '../db/schema.js';
import { availableBalance, DELINQUENT_AFTER_FAILURES, RETRY_AFTER_DAYS, type Db, type InstallmentRow, type PlanRow } from './rows.js';

/**
 * What the plan is behind on `today`: installments that failed or were missed, a manual plan's
 * whose date has passed, and, once the plan is delinquent (it is charged no more), everything due
 * by today. Paying these brings the plan up to date (a delinquent one is current again).
 */
export function behindOn(plan: PlanRow, installments: readonly InstallmentRow[], today: string): InstallmentRow[] {
  return installments.filter((i) => isBehind(plan, i, today)).sort((a, b) => a.number - b.number);
}

export function isBehind(plan: PlanRow, i: InstallmentRow, today: string): boolean {
  return (
    i.status === 'failed' ||
    (i.status === 'scheduled' &&
      (plan.status === 'delinquent'
        ? i.next_attempt_on <= today
        : // An active automatic plan's due installment is the runner's to charge.
          plan.mode === 'manual' && i.next_attempt_on < today))
  );
}

/** One more failed or missed payment: due again in 3 days; the second in a row makes the plan delinquent. */
export async function recordFailure(trx: Transaction<Database>, plan: PlanRow, installment: InstallmentRow, retryOn: string, today: string, now: Date, changes: Partial<Pick<InstallmentRow, 'payment_id'>> = {}): Promise<PlanRow> {
  await trx
    .updateTable('plan_installments')
    .set({ status: 'failed', failures: installment.failures + 1, next_attempt_on: retryOn, paid_on: null, claimed_at: null, updated_at: now, ...changes })
    .where('id', '=', installment.id)
    .execute();
  const failures = plan.failures_in_row + 1;
  const delinquent = failures >= DELINQUENT_AFTER_FAILURES && plan.status === 'active';
  return trx
    .updateTable('plans')
    .set({
      failures_in_row: failures,
      behind_since: plan.behind_since ?? now,
      ...(delinquent ? { status: 'delinquent' as const, delinquent_since: today } : {}),
      updated_at: now,
    })
    .where('id', '=', plan.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Called with the plan locked, when an installment has been paid: the failures in a row end. */
export async function recordSuccess(trx: Transaction<Database>, plan: PlanRow, now: Date): Promise<PlanRow> {
  if (plan.failures_in_row === 0) return plan;
  return trx.updateTable('plans').set({ failures_in_row: 0, updated_at: now }).where('id', '=', plan.id).returningAll().executeTakeFirstOrThrow();
}

/**
 * Brings a running plan up to date on `today`, under the plan's row lock (so two runners, or a
 * runner and a page view, take turns): an automatic installment's bank debit that settled is
 * paid, one that came back is a failure; a manual plan's installments are paid by the patient's
 * payments since the plan was made, oldest first (an installment is paid once payments cover it,
 * and links to the payment that completed it); a manual installment unpaid after its date is a
 * miss, due again 3 days later; two failures or misses in a row make the plan delinquent; a plan
 * with nothing left to pay is completed; a pay-off left half-done is finished or undone.
 */
export async function refreshPlan(db: Db, planId: string, today: string, now: Date): Promise<void> {
  await db.transaction().execute((trx) => refreshPlanIn(trx, planId, today, now));
}

/** `refreshPlan` in the caller's transaction. */
export async function refreshPlanIn(trx: Transaction<Database>, planId: string, today: string, now: Date): Promise<void> {
  let plan = await trx.selectFrom('plans').selectAll().where('id', '=', planId).forUpdate().executeTakeFirst();
  if (!plan || (plan.status !== 'active' && plan.status !== 'delinquent')) return;
  if (plan.payoff_key) {
    plan = await settlePayoff(trx, plan, today, now);
    if (plan.status !== 'active' && plan.status !== 'delinquent') return;
  }
  let installments = await trx.selectFrom('plan_installments').selectAll().where('plan_id', '=', plan.id).orderBy('number').forUpdate().execute();

  if (plan.mode === 'automatic') {
    const charged = installments.filter((i) => (i.status === 'processing' || i.status === 'paid') && i.payment_id);
    const payments = charged.length
      ? await trx.selectFrom('payments').select(['id', 'status']).where('id', 'in', charged.map((i) => i.payment_id!)).execute()
      : [];
    const statusOf = new Map(payments.map((p) => [p.id, p.status]));
    for (const installment of charged) {
      const status = statusOf.get(installment.payment_id!);
      if (status === 'returned' || status === 'declined') {
        plan = await recordFailure(trx, plan, installment, addDays(today, RETRY_AFTER_DAYS), today, now);
      } else if (status === 'settled' && installment.status === 'processing') {
        await trx.updateTable('plan_installments').set({ status: 'paid', updated_at: now }).where('id', '=', installment.id).execute();
        plan = await recordSuccess(trx, plan, now);
      }
    }
    plan = await applyCatchUpPayments(trx, plan, today, now);
    plan = await bringUpToDate(trx, plan, today, now);
  } else {
    plan = await allocateManualPayments(trx, plan, installments, today, now);
    plan = await bringUpToDate(trx, plan, today, now);
    installments = await trx.selectFrom('plan_installments').selectAll().where('plan_id', '=', plan.id).orderBy('number').execute();
    // A payment missed on its date (or on its retry date) counts once per date.
    for (const installment of installments) {
      if (plan.status !== 'active') break;
      let current = installment;
      while ((current.status === 'scheduled' || current.status === 'failed') && current.next_attempt_on < today && plan.status === 'active') {
        plan = await recordFailure(trx, plan, current, addDays(current.next_attempt_on, RETRY_AFTER_DAYS), today, now);
        current = await trx.selectFrom('plan_installments').selectAll().where('id', '=', current.id).executeTakeFirstOrThrow();
      }
    }
  }

  installments = await trx.selectFrom('plan_installments').selectAll().where('plan_id', '=', plan.id).execute();
  if (installments.every((i) => i.status === 'paid' || i.status === 'canceled')) {
    await trx.updateTable('plans').set({ status: 'completed', ended_on: today, updated_at: now }).where('id', '=', plan.id).execute();
    return;
  }
  // Paid some other way (a payment for the whole balance, an adjustment): nothing is left to take.
  const inFlight = installments.some((i) => i.status === 'charging' || i.status === 'processing');
  if (!inFlight && (await availableBalance(trx, plan.account_id)) <= 0) {
    await trx
      .updateTable('plan_installments')
      .set({ status: 'canceled', updated_at: now })
      .where('plan_id', '=', plan.id)
      .where('status', 'in', ['scheduled', 'failed'])
      .execute();
    await trx.updateTable('plans').set({ status: 'completed', ended_on: today, updated_at: now }).where('id', '=', plan.id).execute();
  }
}

/**
 * An automatic plan that is behind (a charge failed or came back, or, delinquent, it is charged no
 * more) is caught up by the patient's own payments made since it fell behind (`<pay-form>`, the
 * billing office), never by the plan's own charges: those are known by their idempotency keys,
 * which exist before the charge is made (a charge attempt's, a pay-off's), so a charge whose
 * outcome is not yet recorded is not taken for the patient's. The payments are applied afresh
 * each time, oldest first, to what they covered before and to what is behind, in order; each
 * installment is linked to the payment that completed its cover (so it is never charged again,
 * and a payment that comes back uncovers exactly what it paid for), and one they no longer cover
 * (its payment came back) is owed again: a failure.
 */
export async function applyCatchUpPayments(trx: Transaction<Database>, plan: PlanRow, today: string, now: Date): Promise<PlanRow> {
  if (!plan.behind_since || plan.mode !== 'automatic') return plan;
  const installments = await trx.selectFrom('plan_installments').selectAll().where('plan_id', '=', plan.id).orderBy('number').execute();
  const payments = await trx
    .selectFrom('payments')
    .select(['id', 'status', 'amount_cents', 'created_at'])
    .where('account_id', '=', plan.account_id)
    .where('created_at', '>=', plan.behind_since)
    .where('status', 'in', ['succeeded', 'processing', 'settled'])
    .where('idempotency_key', 'not like', 'plan:%')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('plan_charge_attempts as a').select('a.id').whereRef('a.idempotency_key', '=', 'payments.idempotency_key'))),
    )
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const ids = new Set(payments.map((p) => p.id));
  const coveredBefore = (i: InstallmentRow) => (i.status === 'paid' || i.status === 'processing') && i.payment_id !== null && ids.has(i.payment_id);
  const candidates = installments.filter((i) => coveredBefore(i) || isBehind(plan, i, today));
  let credit = 0;
  let next = 0;
  let starved = false;
  let current = plan;
  for (const installment of candidates) {
    let last: (typeof payments)[number] | undefined;
    while (!starved && credit < installment.amount_cents && next < payments.length) {
      last = payments[next++]!;
      credit += last.amount_cents;
    }
    const coveredBy = last ?? payments[Math.max(0, next - 1)];
    if (!starved && credit >= installment.amount_cents && coveredBy) {
      credit -= installment.amount_cents;
      const status = coveredBy.status === 'processing' ? 'processing' : 'paid';
      if (installment.status !== status || installment.payment_id !== coveredBy.id) {
        await trx
          .updateTable('plan_installments')
          .set({ status, payment_id: coveredBy.id, paid_on: isoDate(new Date(coveredBy.created_at)), claimed_at: null, updated_at: now })
          .where('id', '=', installment.id)
          .execute();
        if (status === 'paid' && installment.status !== 'paid') current = await recordSuccess(trx, current, now);
      }
      continue;
    }
    // Oldest first: once one cannot be covered, none after it is.
    starved = true;
    if (coveredBefore(installment)) {
      current = await recordFailure(trx, current, installment, addDays(today, RETRY_AFTER_DAYS), today, now, { payment_id: null });
    }
  }
  return current;
}

/**
 * Once nothing is behind, a delinquent plan is current again (an automatic one is charged again
 * from its next date). The run of failures itself ends only with a payment that went through (a
 * retry or a bank payment still in flight may yet come back), and with it `behind_since`.
 */
async function bringUpToDate(trx: Transaction<Database>, plan: PlanRow, today: string, now: Date): Promise<PlanRow> {
  if (plan.status !== 'delinquent' && !plan.behind_since) return plan;
  const installments = await trx.selectFrom('plan_installments').selectAll().where('plan_id', '=', plan.id).execute();
  if (behindOn(plan, installments, today).length > 0) return plan;
  const over = plan.failures_in_row === 0;
  if (plan.status !== 'delinquent' && !over) return plan;
  return trx
    .updateTable('plans')
    .set({ status: 'active', delinquent_since: null, ...(over ? { behind_since: null } : {}), updated_at: now })
    .where('id', '=', plan.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * A manual plan is paid by the patient's own payments (`<pay-form>`, `POST /v1/payments`) made
 * since the plan began: they are applied to the installments in order, and each installment they
 * cover is linked to the payment that completed it. A payment that later came back uncovers it
 * again, which is a failure like a declined charge.
 */
async function allocateManualPayments(trx: Transaction<Database>, plan: PlanRow, installments: readonly InstallmentRow[], today: string, now: Date): Promise<PlanRow> {
  const payments = await trx
    .selectFrom('payments')
    .select(['id', 'status', 'amount_cents', 'created_at'])
    .where('account_id', '=', plan.account_id)
    .where('created_at', '>=', plan.created_at)
    .where('status', 'in', ['succeeded', 'processing', 'settled'])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  let credit = 0;
  let next = 0;
  let current = plan;
  for (const installment of installments) {
    if (installment.status === 'canceled') continue;
    let last: (typeof payments)[number] | undefined;
    while (credit < installment.amount_cents && next < payments.length) {
      last = payments[next++]!;
      credit += last.amount_cents;
    }
    // The payment that completed the cover: the last one taken, or (when earlier credit covered
    // it) the payment that credit came from.
    const coveredBy = last ?? payments[Math.max(0, next - 1)];
    if (credit >= installment.amount_cents && coveredBy) {
      credit -= installment.amount_cents;
      const status = coveredBy.status === 'processing' ? 'processing' : 'paid';
      if (installment.status !== status || installment.payment_id !== coveredBy.id) {
        await trx
          .updateTable('plan_installments')
          .set({ status, payment_id: coveredBy.id, paid_on: isoDate(new Date(coveredBy.created_at)), updated_at: now })
          .where('id', '=', installment.id)
          .execute();
        // A bank payment counts as a success once it settles (it may still come back).
        if (status === 'paid' && installment.status !== 'paid') current = await recordSuccess(trx, current, now);
      }
    } else if (installment.status === 'paid' || installment.status === 'processing') {
      // Its payment came back (or was reversed): it is owed again, and that is a failure.
      current = await recordFailure(trx, current, installment, addDays(today, RETRY_AFTER_DAYS), today, now, { payment_id: null });
    }
  }
  return current;
}

/** The key a pay-off's payment is taken under: the plan and the client's key for the attempt. */
export function payoffPaymentKey(planId: string, clientKey: string): string {
  return `plan:${planId}:payoff:${clientKey}`;
}

/** How long a pay-off may stay reserved without a payment before the plan runs on (a client that went away). */
const PAYOFF_GRACE_MS = 10 * 60_000;

export async function settlePayoff(trx: Transaction<Database>, plan: PlanRow, today: string, now: Date, graceMs = PAYOFF_GRACE_MS): Promise<PlanRow> {
  const key = payoffPaymentKey(plan.id, plan.payoff_key ?? '');
  const payment = await trx.selectFrom('payments').select(['id', 'status']).where('practice_id', '=', plan.practice_id).where('idempotency_key', '=', key).executeTakeFirst();
  if (payment && (payment.status === 'succeeded' || payment.status === 'processing' || payment.status === 'settled')) {
    await trx
      .updateTable('plan_installments')
      .set({ status: 'canceled', updated_at: now })
      .where('plan_id', '=', plan.id)
      .where('status', 'in', ['scheduled', 'failed'])
      .execute();
    return trx
      .updateTable('plans')
      .set({ status: 'paid_off', ended_on: today, payoff_key: null, payoff_payment_id: payment.id, updated_at: now })
      .where('id', '=', plan.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  const started = plan.payoff_started_at ? new Date(plan.payoff_started_at).getTime() : 0;
  if ((payment && payment.status !== 'pending') || (!payment && now.getTime() - started >= graceMs)) {
    return trx.updateTable('plans').set({ payoff_key: null, payoff_started_at: null, updated_at: now }).where('id', '=', plan.id).returningAll().executeTakeFirstOrThrow();
  }
  return plan;
}
