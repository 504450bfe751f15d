/**
 * What the billing office may change in a running plan (issue 14, "Plans"), as pure rules over the
 * plan's installments: move one installment, skip one, or change the amount of the installments
 * left. The server applies exactly what these return; the plan's total never changes, only when
 * and in what parts it is paid.
 *
 * The policy, in one place:
 * - Only an installment still to be paid (`scheduled`, or `failed` and due again) can be moved or
 *   skipped; one being charged right now (`charging`) or on its way (`processing`) cannot, nor one
 *   paid or canceled.
 * - Move: at most `MAX_MOVE_DAYS` (30) days later than it is now due, or earlier but not before
 *   today (tomorrow for an automatic plan: today's charge may already be running); never past the
 *   plan's last date, nor before the installment before it or after the one after it (the order in
 *   which payments cover installments is the schedule's).
 * - Skip: the installment is canceled and the same amount is due one period after the plan's last
 *   date, which must stay within the policy's `maxMonths` of the first installment.
 * - Amount: the installments left are re-cut into equal parts of the new amount, the last taking the
 *   remainder (a remainder under the policy's minimum joins the last part), so they add up to what
 *   they added up to before; each at least the policy's minimum, at most everything left; the dates
 *   stay the plan's (more parts continue at its frequency, fewer leave the last ones canceled), the
 *   last within `maxMonths`. Regulation E (12 CFR 1005.10(d)): when an automatic debit's amount
 *   changes, the patient must be told at least `REG_E_NOTICE_DAYS` (10) days before it, so an
 *   automatic plan's installments due within 10 days keep their amount; the change takes effect
 *   from the first installment due later, and needs the notice.
 */
import { addDays } from './account-rules.js';
import { isCents, type Cents } from './money.js';
import type { InstallmentStatus, PlanPolicy } from './plan-schemas.js';
import { isPlanRunning } from './plan-status.js';
import { addMonths, installmentDate, paymentsForAmount } from './schedule.js';
import type { PlanFrequency, PlanMode, PlanStatus } from './schemas.js';

/** The most days an installment may be moved later. */
export const MAX_MOVE_DAYS = 30;
/** Regulation E: days of notice before an automatic debit whose amount changed. */
export const REG_E_NOTICE_DAYS = 10;

export interface ChangeablePlan {
  readonly status: PlanStatus;
  readonly mode: PlanMode;
  readonly frequency: PlanFrequency;
  /** The first installment's date: the plan's dates count from it. */
  readonly firstDate: string;
  readonly lastDate: string;
}

export interface ChangeableInstallment {
  readonly number: number;
  readonly status: InstallmentStatus;
  /** When it is due next: its date, or a failed one's retry date. */
  readonly nextDueOn: string;
  readonly amountCents: Cents;
}

export type PlanChangeRefusalCode =
  | 'plan_not_active'
  | 'installment_not_found'
  | 'installment_busy'
  | 'installment_closed'
  | 'move_out_of_window'
  | 'plan_too_long'
  | 'installment_too_small'
  | 'amount_too_large'
  | 'nothing_to_change';

export interface PlanChangeRefusal {
  readonly ok: false;
  readonly code: PlanChangeRefusalCode;
  readonly message: string;
  /** For a move: the dates it may be moved to. */
  readonly earliest?: string | undefined;
  readonly latest?: string | undefined;
  /** For an amount: what it may be. */
  readonly minimumCents?: Cents | undefined;
  readonly maximumCents?: Cents | undefined;
}

const refuse = (code: PlanChangeRefusalCode, message: string, more: Omit<PlanChangeRefusal, 'ok' | 'code' | 'message'> = {}): PlanChangeRefusal => ({ ok: false, code, message, ...more });

const OPEN: readonly InstallmentStatus[] = ['scheduled', 'failed'];

function openInstallment(plan: ChangeablePlan, installments: readonly ChangeableInstallment[], number: number): ChangeableInstallment | PlanChangeRefusal {
  if (!isPlanRunning(plan)) return refuse('plan_not_active', `This plan is ${plan.status.replace('_', ' ')}: its installments can no longer change.`);
  const installment = installments.find((i) => i.number === number);
  if (!installment) return refuse('installment_not_found', `This plan has no installment ${number}.`);
  if (installment.status === 'charging' || installment.status === 'processing') {
    return refuse('installment_busy', `Installment ${number} is being charged right now; it cannot change.`);
  }
  if (!OPEN.includes(installment.status)) return refuse('installment_closed', `Installment ${number} is ${installment.status}; only one still to be paid can change.`);
  return installment;
}

const isRefusal = (value: unknown): value is PlanChangeRefusal => typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;

/** The next date of the plan's schedule after `after` (the plan's frequency, counted from its first date). */
export function nextScheduleDate(plan: Pick<ChangeablePlan, 'frequency' | 'firstDate'>, after: string): string {
  let index = 0;
  while (installmentDate(plan.frequency, plan.firstDate, index) <= after) index++;
  return installmentDate(plan.frequency, plan.firstDate, index);
}

/** The day after the last a plan's payment may fall on: `maxMonths` months from its first installment. */
const planEnd = (plan: ChangeablePlan, policy: Pick<PlanPolicy, 'maxMonths'>) => addMonths(plan.firstDate, policy.maxMonths);

export type MoveResult = { readonly ok: true; readonly number: number; readonly fromDate: string; readonly dueOn: string } | PlanChangeRefusal;

/** Moves installment `number` to `dueOn` (see the module's policy); `today` is the practice's day. */
export function moveInstallment(plan: ChangeablePlan, installments: readonly ChangeableInstallment[], number: number, dueOn: string, today: string): MoveResult {
  const installment = openInstallment(plan, installments, number);
  if (isRefusal(installment)) return installment;
  const ordered = [...installments].filter((i) => i.status !== 'canceled').sort((a, b) => a.number - b.number);
  const at = ordered.findIndex((i) => i.number === number);
  const before = ordered.slice(0, at).at(-1);
  const after = ordered[at + 1];
  const earliest = [plan.mode === 'automatic' ? addDays(today, 1) : today, before?.nextDueOn ?? ''].reduce((a, b) => (a > b ? a : b));
  const latest = [addDays(installment.nextDueOn, MAX_MOVE_DAYS), plan.lastDate, after?.nextDueOn ?? plan.lastDate].reduce((a, b) => (a < b ? a : b));
  if (dueOn === installment.nextDueOn) return refuse('nothing_to_change', `Installment ${number} is already due on ${dueOn}.`);
  if (dueOn < earliest || dueOn > latest) {
    const message =
      earliest > latest
        ? `Installment ${number} cannot be moved: there is no day it may move to.`
        : `Installment ${number} may be moved to a day from ${earliest} to ${latest}: at most ${MAX_MOVE_DAYS} days later, not before today, and not past the installments around it or the plan's last date.`;
    return refuse('move_out_of_window', message, { earliest, latest });
  }
  return { ok: true, number, fromDate: installment.nextDueOn, dueOn };
}

export type SkipResult =
  | { readonly ok: true; readonly number: number; readonly amountCents: Cents; readonly fromDate: string; readonly dueOn: string }
  | PlanChangeRefusal;

/** Skips installment `number`: its amount is due one period after the plan's last date, within the policy's length. */
export function skipInstallment(plan: ChangeablePlan, installments: readonly ChangeableInstallment[], number: number, policy: Pick<PlanPolicy, 'maxMonths'>): SkipResult {
  const installment = openInstallment(plan, installments, number);
  if (isRefusal(installment)) return installment;
  const dueOn = nextScheduleDate(plan, plan.lastDate);
  if (dueOn >= planEnd(plan, policy)) {
    return refuse('plan_too_long', `Skipping it would put a payment past the ${policy.maxMonths} months a plan may last.`);
  }
  return { ok: true, number, amountCents: installment.amountCents, fromDate: installment.nextDueOn, dueOn };
}

export interface AmountChange {
  readonly ok: true;
  /** The installments whose amount changes, with the new amount. */
  readonly updates: readonly { readonly number: number; readonly fromCents: Cents; readonly amountCents: Cents }[];
  /** Installments no longer needed: canceled. */
  readonly cancels: readonly number[];
  /** New installments after the plan's last date. */
  readonly appends: readonly { readonly dueOn: string; readonly amountCents: Cents }[];
  /** What the changed installments add up to, before and after: the same. */
  readonly coveredCents: Cents;
  /** The first installment the change applies to. */
  readonly effectiveFrom: string;
  /** Installments due too soon to change (an automatic plan's, within the notice period). */
  readonly unchanged: readonly number[];
  /** An automatic plan's debits change: the patient must be told at least `REG_E_NOTICE_DAYS` days before. */
  readonly noticeRequired: boolean;
  readonly lastDate: string;
}

export type AmountChangeResult = AmountChange | PlanChangeRefusal;

/** Re-cuts the installments left into parts of `amountCents` (see the module's policy); `today` is the practice's day. */
export function changeInstallmentAmount(
  plan: ChangeablePlan,
  installments: readonly ChangeableInstallment[],
  amountCents: Cents,
  policy: Pick<PlanPolicy, 'maxMonths' | 'minInstallmentCents'>,
  today: string,
): AmountChangeResult {
  if (!isPlanRunning(plan)) return refuse('plan_not_active', `This plan is ${plan.status.replace('_', ' ')}: its installments can no longer change.`);
  const automatic = plan.mode === 'automatic';
  const noticeFrom = addDays(today, REG_E_NOTICE_DAYS);
  const open = installments.filter((i) => OPEN.includes(i.status)).sort((a, b) => a.nextDueOn.localeCompare(b.nextDueOn) || a.number - b.number);
  // Nothing after an installment being charged may be re-cut before it: the order is the schedule's.
  const busyUntil = installments.filter((i) => i.status === 'charging').reduce((latest, i) => (i.nextDueOn > latest ? i.nextDueOn : latest), '');
  const changing = open.filter((i) => (!automatic || i.nextDueOn >= noticeFrom) && i.nextDueOn > busyUntil);
  const unchanged = open.filter((i) => !changing.includes(i)).map((i) => i.number);
  if (changing.length === 0) {
    return refuse('nothing_to_change', automatic ? `No installment of this plan is due ${REG_E_NOTICE_DAYS} days or more from today: an automatic payment's amount changes only with ${REG_E_NOTICE_DAYS} days' notice.` : 'This plan has no installment left to change.');
  }
  const coveredCents = changing.reduce((total, i) => total + i.amountCents, 0);
  if (!isCents(amountCents) || amountCents < 1) return refuse('installment_too_small', 'The amount must be a whole number of cents.', { minimumCents: Math.min(policy.minInstallmentCents, coveredCents), maximumCents: coveredCents });
  if (amountCents > coveredCents) return refuse('amount_too_large', `The installments left add up to ${coveredCents} cents: an installment cannot be more.`, { minimumCents: Math.min(policy.minInstallmentCents, coveredCents), maximumCents: coveredCents });
  if (amountCents < policy.minInstallmentCents && amountCents < coveredCents) {
    return refuse('installment_too_small', `Each installment must be at least ${policy.minInstallmentCents} cents.`, { minimumCents: Math.min(policy.minInstallmentCents, coveredCents), maximumCents: coveredCents });
  }
  const count = paymentsForAmount(coveredCents, amountCents, policy.minInstallmentCents);
  const parts = Array.from({ length: count }, (_, index) => (index === count - 1 ? coveredCents - amountCents * (count - 1) : amountCents));
  const updates = changing.slice(0, count).map((i, index) => ({ number: i.number, fromCents: i.amountCents, amountCents: parts[index]! })).filter((u) => u.fromCents !== u.amountCents);
  const cancels = changing.slice(count).map((i) => i.number);
  const appends: { dueOn: string; amountCents: Cents }[] = [];
  let last = [plan.lastDate, ...changing.map((i) => i.nextDueOn)].reduce((a, b) => (a > b ? a : b));
  for (let index = changing.length; index < count; index++) {
    last = nextScheduleDate(plan, last);
    appends.push({ dueOn: last, amountCents: parts[index]! });
  }
  if (appends.length > 0 && last >= planEnd(plan, policy)) {
    return refuse('plan_too_long', `At that amount the plan would last past the ${policy.maxMonths} months a plan may last.`, { minimumCents: Math.min(policy.minInstallmentCents, coveredCents), maximumCents: coveredCents });
  }
  if (updates.length === 0 && cancels.length === 0 && appends.length === 0) return refuse('nothing_to_change', 'The installments left are already of that amount.');
  const keptDates = [...open.filter((i) => !cancels.includes(i.number)).map((i) => i.nextDueOn), ...appends.map((a) => a.dueOn)];
  return {
    ok: true,
    updates,
    cancels,
    appends,
    coveredCents,
    effectiveFrom: changing[0]!.nextDueOn,
    unchanged,
    noticeRequired: automatic,
    lastDate: keptDates.reduce((a, b) => (a > b ? a : b), ''),
  };
}
