import { addDays, coverOldestFirst, installmentsBehind, isInstallmentBehind, isPlanRunning, type InstallmentState } from '@billpay/sdk';
import { isoDate } from '../dates.js';
import type { PaymentStatusColumn } from '../db/schema.js';
import { DELINQUENT_AFTER_FAILURES, RETRY_AFTER_DAYS, type InstallmentRow, type PlanRow } from './rows.js';

/** A payment of the plan's account, made since the plan was, as the plan's rules see it. */
export interface PlanPayment {
  readonly id: string;
  readonly status: PaymentStatusColumn;
  readonly amount_cents: number;
  readonly created_at: Date;
  readonly idempotency_key: string;
  /**
   * Made by the plan itself (an installment's charge attempt, a pay-off), not by the patient. Known
   * by its idempotency key, which exists before the charge is made, so a charge whose outcome is
   * not yet recorded is never taken for the patient's.
   */
  readonly by_plan: boolean;
}

/** What a plan's standing is computed from: its stored rows and the account's payments. */
export interface PlanFacts {
  readonly plan: PlanRow;
  readonly installments: readonly InstallmentRow[];
  /** The account's payments made since the plan was, oldest first (by time, then id). */
  readonly payments: readonly PlanPayment[];
  /** What is owed less what payments in flight hold (`availableBalance`). */
  readonly availableCents: number;
}

/** A plan's rows as they stand on a day. */
export interface PlanStanding {
  readonly plan: PlanRow;
  readonly installments: readonly InstallmentRow[];
}

/** A plan's rows while a rule changes them. */
export interface PlanWork {
  plan: PlanRow;
  readonly installments: InstallmentRow[];
}

/** Copies of the rows, for a rule to change. */
export function planWork(rows: PlanStanding): PlanWork {
  return { plan: { ...rows.plan }, installments: rows.installments.map((i) => ({ ...i })).sort((a, b) => a.number - b.number) };
}

/** Payments that pay (or, a bank debit in flight, are paying) what they cover. */
const COVERING: readonly PaymentStatusColumn[] = ['succeeded', 'processing', 'settled'];

/** The SDK's plan-status rules read an installment row through this. */
export function installmentState(row: InstallmentRow): InstallmentState {
  return { number: row.number, amountCents: row.amount_cents, status: row.status, nextDueOn: row.next_attempt_on };
}

/** The rows behind on `today`, by the SDK's rule. */
export function rowsBehind(plan: PlanRow, installments: readonly InstallmentRow[], today: string): InstallmentRow[] {
  const behind = new Set(installmentsBehind(plan, installments.map(installmentState), today).map((i) => i.number));
  return installments.filter((i) => behind.has(i.number)).sort((a, b) => a.number - b.number);
}

/**
 * A plan as it stands on `today`, computed from its stored rows and the account's payments alone
 * (pure: the reads show this, and the write paths store it, so the two cannot differ):
 *
 * - a pay-off left half-done is finished (its payment went through) or undone;
 * - an automatic installment's bank debit that settled is paid, one that came back (or a charge
 *   declined after all) is a failure; once it is behind, the patient's own payments since it fell
 *   behind catch it up (`catchUp`);
 * - a manual plan's installments are paid by the patient's payments since it was made, oldest
 *   first, each linked to the payment that completed its cover; one unpaid after its date is a
 *   miss, due again 3 days later, and a miss on that date is another;
 * - two failures or misses in a row make the plan delinquent; once nothing is behind it is current
 *   again;
 * - a plan with nothing left to pay (every installment paid, or the balance paid some other way)
 *   is completed.
 */
export function planStandingOn(facts: PlanFacts, today: string, now: Date, options: { readonly payoffGraceMs?: number } = {}): PlanStanding {
  const state = planWork(facts);
  if (!isPlanRunning(state.plan)) return state;
  if (state.plan.payoff_key) {
    settlePayoff(state, facts.payments, today, now, options.payoffGraceMs);
    if (!isPlanRunning(state.plan)) return state;
  }
  if (state.plan.mode === 'automatic') {
    const statusOf = new Map(facts.payments.map((p) => [p.id, p.status]));
    for (const installment of state.installments) {
      if ((installment.status !== 'processing' && installment.status !== 'paid') || !installment.payment_id) continue;
      const status = statusOf.get(installment.payment_id);
      if (status === 'returned' || status === 'declined') {
        fail(state, installment, addDays(today, RETRY_AFTER_DAYS), today, now);
      } else if (status === 'settled' && installment.status === 'processing') {
        installment.status = 'paid';
        succeed(state);
      }
    }
    catchUp(state, facts.payments, today, now);
    bringUpToDate(state, today);
  } else {
    payManually(state, facts.payments, today, now);
    bringUpToDate(state, today);
    // A payment missed on its date (or on its retry date) counts once per date.
    for (const installment of state.installments) {
      while ((installment.status === 'scheduled' || installment.status === 'failed') && installment.next_attempt_on < today && state.plan.status === 'active') {
        fail(state, installment, addDays(installment.next_attempt_on, RETRY_AFTER_DAYS), today, now);
      }
    }
  }
  complete(state, facts.availableCents, today);
  return state;
}

/**
 * An automatic plan that is behind (a charge failed or came back, or, delinquent, it is charged no
 * more) is caught up by the patient's own payments made since it fell behind, never by the plan's
 * own charges. The payments are applied afresh each time, oldest first, to what they covered
 * before and to what is behind, in order; each installment is linked to the payment that completed
 * its cover (so it is never charged again, and a payment that comes back uncovers exactly what it
 * paid for), and one they no longer cover (its payment came back) is owed again: a failure.
 */
function catchUp(state: PlanWork, payments: readonly PlanPayment[], today: string, now: Date): void {
  const since = state.plan.behind_since;
  if (!since || state.plan.mode !== 'automatic') return;
  const own = payments.filter((p) => !p.by_plan && COVERING.includes(p.status) && p.created_at.getTime() >= since.getTime());
  const ids = new Set(own.map((p) => p.id));
  const coveredBefore = (i: InstallmentRow) => (i.status === 'paid' || i.status === 'processing') && i.payment_id !== null && ids.has(i.payment_id);
  const plan = state.plan;
  cover(
    state,
    state.installments.filter((i) => coveredBefore(i) || isInstallmentBehind(plan, installmentState(i), today)),
    own,
    coveredBefore,
    today,
    now,
  );
}

/**
 * A manual plan is paid by the patient's own payments (`<pay-form>`, `POST /v1/payments`) made
 * since the plan began. A payment that later came back uncovers what it paid for again, which is
 * a failure like a declined charge.
 */
function payManually(state: PlanWork, payments: readonly PlanPayment[], today: string, now: Date): void {
  const paying = payments.filter((p) => COVERING.includes(p.status));
  cover(state, state.installments.filter((i) => i.status !== 'canceled'), paying, (i) => i.status === 'paid' || i.status === 'processing', today, now);
}

/** The SDK's oldest-first cover, kept in the rows: paid (or processing) by its payment, or owed again. */
function cover(state: PlanWork, candidates: readonly InstallmentRow[], payments: readonly PlanPayment[], coveredBefore: (i: InstallmentRow) => boolean, today: string, now: Date): void {
  const coveredBy = coverOldestFirst(candidates.map(installmentState), payments.map((p) => ({ ...p, amountCents: p.amount_cents })));
  candidates.forEach((installment, index) => {
    const payment = coveredBy[index];
    if (payment) {
      const status = payment.status === 'processing' ? 'processing' : 'paid';
      if (installment.status === status && installment.payment_id === payment.id) return;
      // A bank payment counts as a success once it settles (it may still come back).
      const newlyPaid = status === 'paid' && installment.status !== 'paid';
      Object.assign(installment, { status, payment_id: payment.id, paid_on: isoDate(payment.created_at), claimed_at: null });
      if (newlyPaid) succeed(state);
    } else if (coveredBefore(installment)) {
      fail(state, installment, addDays(today, RETRY_AFTER_DAYS), today, now, { payment_id: null });
    }
  });
}

/** One more failed or missed payment: due again on `retryOn`; the second in a row makes the plan delinquent. */
export function fail(state: PlanWork, installment: InstallmentRow, retryOn: string, today: string, now: Date, changes: Partial<Pick<InstallmentRow, 'payment_id'>> = {}): void {
  Object.assign(installment, { status: 'failed', failures: installment.failures + 1, next_attempt_on: retryOn, paid_on: null, claimed_at: null, ...changes });
  const failures = state.plan.failures_in_row + 1;
  const delinquent = failures >= DELINQUENT_AFTER_FAILURES && state.plan.status === 'active';
  state.plan = {
    ...state.plan,
    failures_in_row: failures,
    behind_since: state.plan.behind_since ?? now,
    ...(delinquent ? { status: 'delinquent' as const, delinquent_since: today } : {}),
  };
}

/** An installment has been paid: the failures in a row end. */
export function succeed(state: PlanWork): void {
  if (state.plan.failures_in_row !== 0) state.plan = { ...state.plan, failures_in_row: 0 };
}

/**
 * Once nothing is behind, a delinquent plan is current again (an automatic one is charged again
 * from its next date). The run of failures itself ends only with a payment that went through (a
 * retry or a bank payment still in flight may yet come back), and with it `behind_since`.
 */
function bringUpToDate(state: PlanWork, today: string): void {
  const plan = state.plan;
  if (plan.status !== 'delinquent' && !plan.behind_since) return;
  if (rowsBehind(plan, state.installments, today).length > 0) return;
  const over = plan.failures_in_row === 0;
  if (plan.status !== 'delinquent' && !over) return;
  state.plan = { ...plan, status: 'active', delinquent_since: null, ...(over ? { behind_since: null } : {}) };
}

/** Every installment paid, or paid some other way (a payment for the whole balance, an adjustment): completed. */
function complete(state: PlanWork, availableCents: number, today: string): void {
  const { installments } = state;
  const allPaid = installments.every((i) => i.status === 'paid' || i.status === 'canceled');
  const inFlight = installments.some((i) => i.status === 'charging' || i.status === 'processing');
  if (!allPaid && (inFlight || availableCents > 0)) return;
  if (!allPaid) for (const i of installments) if (i.status === 'scheduled' || i.status === 'failed') i.status = 'canceled';
  state.plan = { ...state.plan, status: 'completed', ended_on: today };
}

/** The key a pay-off's payment is taken under: the plan and the client's key for the attempt. */
export function payoffPaymentKey(planId: string, clientKey: string): string {
  return `plan:${planId}:payoff:${clientKey}`;
}

/** How long a pay-off may stay reserved without a payment before the plan runs on (a client that went away). */
const PAYOFF_GRACE_MS = 10 * 60_000;

/**
 * A pay-off reserved on the plan: its payment went through (or a bank debit is on its way), and the
 * plan is paid off; it did not, or no payment came within the grace period, and the plan runs on.
 */
function settlePayoff(state: PlanWork, payments: readonly PlanPayment[], today: string, now: Date, graceMs = PAYOFF_GRACE_MS): void {
  const key = payoffPaymentKey(state.plan.id, state.plan.payoff_key ?? '');
  const payment = payments.find((p) => p.idempotency_key === key);
  if (payment && COVERING.includes(payment.status)) {
    for (const i of state.installments) if (i.status === 'scheduled' || i.status === 'failed') i.status = 'canceled';
    state.plan = { ...state.plan, status: 'paid_off', ended_on: today, payoff_key: null, payoff_payment_id: payment.id };
    return;
  }
  const started = state.plan.payoff_started_at ? new Date(state.plan.payoff_started_at).getTime() : 0;
  if ((payment && payment.status !== 'pending') || (!payment && now.getTime() - started >= graceMs)) {
    state.plan = { ...state.plan, payoff_key: null, payoff_started_at: null };
  }
}
