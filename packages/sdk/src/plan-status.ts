import type { Cents } from './money.js';
import type { InstallmentStatus } from './plan-schemas.js';
import type { AccountPlan, PlanFrequency, PlanMode, PlanStatus } from './schemas.js';

/** What the plan-status rules need of a plan. */
export interface PlanState {
  readonly status: PlanStatus;
  readonly mode: PlanMode;
}

/** What the plan-status rules need of one installment. */
export interface InstallmentState {
  readonly number: number;
  readonly amountCents: Cents;
  readonly status: InstallmentStatus;
  /** When it is next due: its due date, or after a failure or a miss, its retry date. */
  readonly nextDueOn: string;
}

/** A payment that may cover installments. */
export interface CoveringPayment {
  readonly amountCents: Cents;
}

/** Installments still to be paid. */
export const OPEN_INSTALLMENT_STATUSES: readonly InstallmentStatus[] = ['scheduled', 'failed', 'charging'];

/** A plan that is still running: one the patient pays on. */
export function isPlanRunning(plan: Pick<PlanState, 'status'>): boolean {
  return plan.status === 'active' || plan.status === 'delinquent';
}

/**
 * Whether an installment is behind on `today`: it failed or was missed; a manual plan's whose date
 * has passed; once the plan is delinquent (it is charged no more), everything due by today. An
 * active automatic plan's installment due today or earlier is not behind: it is the runner's to charge.
 */
export function isInstallmentBehind(plan: PlanState, installment: Pick<InstallmentState, 'status' | 'nextDueOn'>, today: string): boolean {
  if (installment.status === 'failed') return true;
  if (installment.status !== 'scheduled') return false;
  if (plan.status === 'delinquent') return installment.nextDueOn <= today;
  return plan.mode === 'manual' && installment.nextDueOn < today;
}

/** The installments behind on `today`, in order. Paying these brings the plan up to date. */
export function installmentsBehind<T extends InstallmentState>(plan: PlanState, installments: readonly T[], today: string): T[] {
  return installments.filter((i) => isInstallmentBehind(plan, i, today)).sort((a, b) => a.number - b.number);
}

/** What a running plan is behind on `today`, in cents (0 for a plan that is not running). */
export function behindCents(plan: PlanState, installments: readonly InstallmentState[], today: string): Cents {
  if (!isPlanRunning(plan)) return 0;
  return installmentsBehind(plan, installments, today).reduce((total, i) => total + i.amountCents, 0);
}

/**
 * Payments applied to installments oldest first: the payments' amounts (oldest first) pay the
 * installments (in order) one after another, and the credit left over from one payment goes on to
 * the next installment. For each installment, the payment that completed its cover (the last one
 * its cover took), or `undefined` when they do not cover it; once one is not covered, none after
 * it is (an installment is never paid before an earlier one).
 */
export function coverOldestFirst<P extends CoveringPayment>(installments: readonly Pick<InstallmentState, 'amountCents'>[], payments: readonly P[]): (P | undefined)[] {
  let credit = 0;
  let next = 0;
  let starved = false;
  return installments.map((installment) => {
    if (starved) return undefined;
    while (credit < installment.amountCents && next < payments.length) credit += payments[next++]!.amountCents;
    const coveredBy = payments[next - 1];
    if (credit < installment.amountCents || !coveredBy) {
      starved = true;
      return undefined;
    }
    credit -= installment.amountCents;
    return coveredBy;
  });
}

/** A plan as its account shows it, as the summary rule needs it. */
export interface PlanSummaryInput extends PlanState {
  readonly id: string;
  readonly frequency: PlanFrequency;
  readonly delinquentSince?: string | undefined;
}

/** An installment as the summary rule needs it. */
export interface SummaryInstallment extends InstallmentState {
  readonly kind: 'down_payment' | 'installment';
  readonly failures: number;
}

/**
 * What the account shows of a plan on `today`: whether it is current, its next payment (the open
 * installment due soonest, a retry included), what is paid, left and behind.
 */
export function planSummary(plan: PlanSummaryInput, installments: readonly SummaryInstallment[], today: string): AccountPlan {
  const running = isPlanRunning(plan);
  const open = installments.filter((i) => OPEN_INSTALLMENT_STATUSES.includes(i.status)).sort((a, b) => a.nextDueOn.localeCompare(b.nextDueOn) || a.number - b.number);
  const next = open[0];
  const sum = (rows: readonly InstallmentState[]) => rows.reduce((total, row) => total + row.amountCents, 0);
  return {
    id: plan.id,
    status: plan.status,
    frequency: plan.frequency,
    mode: plan.mode,
    current: plan.status === 'active',
    ...(next && running ? { nextPayment: { number: next.number, kind: next.kind, dueOn: next.nextDueOn, amountCents: next.amountCents, retry: next.failures > 0 } } : {}),
    paidCents: sum(installments.filter((i) => i.status === 'paid' || i.status === 'processing')),
    remainingCents: running ? sum(open) : 0,
    paymentsLeft: running ? open.length : 0,
    behindCents: behindCents(plan, installments, today),
    ...(plan.delinquentSince ? { delinquentSince: plan.delinquentSince } : {}),
  };
}
