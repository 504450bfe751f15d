/**
 * Payment plans as arithmetic: the dates and amounts of a plan, and which of the practice's rules a
 * choice breaks, with the nearest choices that work. Pure functions on integer cents and ISO
 * `YYYY-MM-DD` dates, shared by the widget (a live schedule as the patient chooses) and the server
 * (which checks the same choice with this same code before it stores the plan).
 *
 * The rules, in one place (their English sentences are in `plan-messages.ts`):
 * - Amounts: the installments are equal except the last, which takes the remainder, so they add up
 *   to the balance to the cent. Every payment is at least the policy's minimum, the last
 *   included: by number of payments, each is `floor(financed / n)` and the last adds what is left
 *   over (under `n` cents); by amount per payment, a remainder of at least the minimum becomes a
 *   last, smaller payment, and a smaller remainder is added to the last payment instead.
 * - Dates: weekly and every two weeks count 7 and 14 days from the first date. Monthly keeps the
 *   first date's day and falls back to the month's last day (31 January, 28 or 29 February,
 *   31 March). Twice a month ("semimonthly") means the day chosen and 15 days later, every month:
 *   first date 5 March gives 5 and 20 March, 5 and 20 April...; 20 March gives 20 March, 4 April,
 *   20 April, 5 May...; the chosen day falls back to the month's last day like monthly.
 * - Duration: every payment falls within `maxMonths` months of the first installment (before the
 *   same day `maxMonths` months later): 24 months allows 24 monthly or 48 twice-a-month payments.
 * - First date: from today up to `firstPaymentWithinDays` days from today. A down payment is due
 *   the day the plan is made, and the first installment then comes at the earliest tomorrow.
 * - Automatic payment: with `autopay: 'required_over_months'`, a plan paid by hand may last at
 *   most `autopayRequiredOverMonths` months; with `not_offered`, every plan is paid by hand.
 */
import { addDays, daysBetween } from './account-rules.js';
import { daysInMonth } from './date-of-birth.js';
import { isCents, type Cents } from './money.js';
import { ruleViolation } from './plan-messages.js';
import type { PlanPolicy } from './plan-schemas.js';
import type { PlanField, PlanFrequency, PlanNearest, PlanRuleCode, PlanRuleViolation, ScheduledPayment } from './schemas.js';

/** What the patient chooses. Give `payments` (how many installments) or `amountCents` (how much each). */
export interface PlanChoice {
  /** What the plan covers: the balance owed. */
  readonly balanceCents: Cents;
  readonly frequency: PlanFrequency;
  /** The first installment's date, `YYYY-MM-DD`. */
  readonly firstDate: string;
  readonly payments?: number | undefined;
  readonly amountCents?: Cents | undefined;
  /** Paid the day the plan is made; the installments cover the rest. */
  readonly downPaymentCents?: Cents | undefined;
  /**
   * `automatic` when the practice will charge each payment, `manual` when the patient pays each
   * one; omitted, the automatic-payment rules are not checked (the patient has not chosen yet).
   */
  readonly mode?: 'automatic' | 'manual' | undefined;
}

export interface PlanSchedule {
  readonly frequency: PlanFrequency;
  readonly balanceCents: Cents;
  readonly downPaymentCents: Cents;
  /** What the installments cover: the balance less the down payment. */
  readonly financedCents: Cents;
  /** How many installments (the down payment not counted). */
  readonly installmentCount: number;
  /** The regular installment. */
  readonly installmentCents: Cents;
  /** The last installment (the regular one plus or minus the remainder). */
  readonly lastInstallmentCents: Cents;
  /** Every payment in date order, the down payment first when there is one; they add up to the balance. */
  readonly payments: readonly ScheduledPayment[];
  readonly firstDate: string;
  readonly lastDate: string;
}

export type PlanScheduleResult =
  | { readonly ok: true; readonly schedule: PlanSchedule }
  /** Every rule the choice breaks, the most fundamental first; never empty. */
  | { readonly ok: false; readonly violations: readonly [PlanRuleViolation, ...PlanRuleViolation[]] };

/** What can be chosen at one frequency and first date: the bounds a plan builder's inputs take. */
export interface PlanLimits {
  readonly frequency: PlanFrequency;
  readonly financedCents: Cents;
  readonly earliestFirstDate: string;
  readonly latestFirstDate: string;
  /** 0 when no plan works at this frequency (the amount is under the minimum payment). */
  readonly maxPayments: number;
  /** The smallest even amount per payment that works: `maxPayments` payments of it cover everything (undefined when none does). */
  readonly minAmountCents: Cents | undefined;
  /** The largest: everything in one payment. */
  readonly maxAmountCents: Cents;
  /** The most payments a plan paid by hand may have (automatic payment required beyond). */
  readonly maxManualPayments: number | undefined;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * The date `months` months after `iso`, on the same day of the month or the month's last day when
 * it has fewer days: `addMonths('2027-01-31', 1)` is 2027-02-28, `addMonths('2028-01-31', 1)` is
 * 2028-02-29, `addMonths('2027-01-31', 2)` is 2027-03-31 (always counted from `iso`, so a short
 * month never pulls later dates earlier).
 */
export function addMonths(iso: string, months: number): string {
  const match = ISO_DATE.exec(iso);
  if (!match || !Number.isInteger(months)) throw new TypeError('addMonths: expected a YYYY-MM-DD date and a whole number of months');
  const index = Number(match[1]) * 12 + Number(match[2]) - 1 + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const day = Math.min(Number(match[3]), daysInMonth(year, month));
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** The date of installment `index` (0 for the first) of a plan whose first installment is on `firstDate`. */
export function installmentDate(frequency: PlanFrequency, firstDate: string, index: number): string {
  switch (frequency) {
    case 'weekly':
      return addDays(firstDate, 7 * index);
    case 'biweekly':
      return addDays(firstDate, 14 * index);
    case 'monthly':
      return addMonths(firstDate, index);
    case 'semimonthly': {
      // The chosen day each month, and 15 days after it.
      const base = addMonths(firstDate, Math.floor(index / 2));
      return index % 2 === 0 ? base : addDays(base, 15);
    }
  }
}

/** The dates of `count` installments from `firstDate`. */
export function installmentDates(frequency: PlanFrequency, firstDate: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => installmentDate(frequency, firstDate, index));
}

/** How many installments fit within `months` months of `firstDate` (before the same day `months` later). */
export function paymentsWithinMonths(frequency: PlanFrequency, firstDate: string, months: number): number {
  const end = addMonths(firstDate, months);
  switch (frequency) {
    case 'monthly':
      return months;
    case 'semimonthly':
      // The second payment of a month is 15 days after the first; the next month's first is at
      // least 28 days after it, so both payments of each of the `months` months fit.
      return 2 * months;
    case 'weekly':
    case 'biweekly': {
      const step = frequency === 'weekly' ? 7 : 14;
      return Math.floor((daysBetween(firstDate, end) - 1) / step) + 1;
    }
  }
}

/**
 * How many installments `amountCents` each makes of `financedCents`: a remainder of at least
 * `minCents` is a last payment of its own, a smaller one is added to the last payment.
 */
export function paymentsForAmount(financedCents: Cents, amountCents: Cents, minCents: Cents): number {
  if (amountCents >= financedCents) return 1;
  const whole = Math.floor(financedCents / amountCents);
  const remainder = financedCents - whole * amountCents;
  return remainder === 0 || remainder < minCents ? whole : whole + 1;
}

/** The first-payment window for a plan made `today` (a down payment moves its start to tomorrow). */
export function firstDateWindow(policy: PlanPolicy, today: string, downPaymentCents: Cents = 0): { earliest: string; latest: string } {
  return { earliest: downPaymentCents > 0 ? addDays(today, 1) : today, latest: addDays(today, policy.firstPaymentWithinDays) };
}

/**
 * What can be chosen at `frequency`, for `financedCents` (the balance less any down payment), a
 * first installment on `firstDate`, and the payment mode (`manual` applies the practice's limit
 * on plans paid by hand).
 */
export function planLimits(
  financedCents: Cents,
  frequency: PlanFrequency,
  firstDate: string,
  policy: PlanPolicy,
  today: string,
  options: { readonly mode?: 'automatic' | 'manual' | undefined; readonly downPaymentCents?: Cents | undefined } = {},
): PlanLimits {
  const window = firstDateWindow(policy, today, options.downPaymentCents ?? 0);
  const byDuration = paymentsWithinMonths(frequency, firstDate, policy.maxMonths);
  const manualMonths = policy.autopay === 'required_over_months' ? policy.autopayRequiredOverMonths : undefined;
  const maxManualPayments = manualMonths === undefined ? undefined : paymentsWithinMonths(frequency, firstDate, manualMonths);
  const byMinimum = Math.floor(financedCents / policy.minInstallmentCents);
  const cap = Math.min(byDuration, options.mode === 'manual' && maxManualPayments !== undefined ? maxManualPayments : Infinity);
  const maxPayments = Math.max(0, Math.min(byMinimum, cap));
  return {
    frequency,
    financedCents,
    earliestFirstDate: window.earliest,
    latestFirstDate: window.latest,
    maxPayments,
    minAmountCents: maxPayments === 0 ? undefined : smallestAmount(financedCents, policy.minInstallmentCents, cap),
    maxAmountCents: financedCents,
    maxManualPayments,
  };
}

/**
 * The smallest even amount per payment, at least `minCents`, that makes at most `cap` payments:
 * `cap` payments of it cover the whole amount. (A few cents less can also work when the shortfall
 * joins the last payment, but a suggestion of $100.00 reads better than one of $98.96.)
 */
function smallestAmount(financedCents: Cents, minCents: Cents, cap: number): Cents {
  return Math.max(minCents, Math.ceil(financedCents / cap));
}

/**
 * `balance_too_small` when a plan cannot cover `balanceCents` under `policy` (under the policy's
 * minimum balance, under one minimum installment, or nothing owed), with the smallest balance
 * that can have a plan as its `limit`; `undefined` when the balance can have one.
 */
export function planBalanceViolation(policy: Pick<PlanPolicy, 'minBalanceCents' | 'minInstallmentCents'>, balanceCents: Cents): PlanRuleViolation | undefined {
  const smallest = Math.max(policy.minBalanceCents, policy.minInstallmentCents);
  return balanceCents < Math.max(smallest, 1) ? ruleViolation('balance_too_small', 'balanceCents', {}, smallest) : undefined;
}

/**
 * The schedule of a plan, or every rule of `policy` the choice breaks with the nearest choices
 * that work. `today` is the day the plan would be made (`YYYY-MM-DD`, the practice's day).
 * Never throws for a patient's choice; throws a TypeError only for a malformed `today`.
 *
 * Dates: weekly +7 days, every two weeks +14 days, monthly on the same day (or the month's last
 * day), twice a month on the day chosen and 15 days later. Amounts: equal except the last, which
 * takes the remainder; all at least the policy's minimum; they add up to the balance to the cent.
 */
export function planSchedule(choice: PlanChoice, policy: PlanPolicy, today: string): PlanScheduleResult {
  if (!isIsoDate(today)) throw new TypeError('planSchedule: today must be a YYYY-MM-DD date');
  const { balanceCents, frequency, firstDate } = choice;
  const down = choice.downPaymentCents ?? 0;
  const window = firstDateWindow(policy, today, down);
  const fail = (...violations: [PlanRuleViolation, ...PlanRuleViolation[]]): PlanScheduleResult => ({ ok: false, violations });

  const byCount = choice.payments !== undefined;
  if (
    !isCents(balanceCents) ||
    !isCents(down) ||
    down < 0 ||
    !isIsoDate(firstDate) ||
    byCount === (choice.amountCents !== undefined) ||
    (byCount && (!Number.isInteger(choice.payments) || (choice.payments ?? 0) < 1)) ||
    (!byCount && (!isCents(choice.amountCents) || (choice.amountCents ?? 0) < 1))
  ) {
    const field: PlanField = !isIsoDate(firstDate) ? 'firstDate' : !isCents(down) || down < 0 ? 'downPaymentCents' : byCount ? 'payments' : 'amountCents';
    return fail(ruleViolation('invalid_choice', field, { minPayments: 1, earliestFirstDate: window.earliest, latestFirstDate: window.latest }));
  }
  const tooSmall = planBalanceViolation(policy, balanceCents);
  if (tooSmall) return fail(tooSmall);
  if (!policy.frequencies.includes(frequency)) {
    return fail(ruleViolation('frequency_not_offered', 'frequency', { frequencies: [...policy.frequencies] }));
  }

  const violations: PlanRuleViolation[] = [];
  if (choice.mode === 'automatic' && policy.autopay === 'not_offered') {
    violations.push(ruleViolation('autopay_not_offered', 'mode', {}));
  }
  const minDown = policy.downPaymentCents ?? 0;
  const maxDown = balanceCents - policy.minInstallmentCents;
  // Any down payment is a payment taken online: $1.00 at least.
  const smallestDown = Math.max(minDown, 100);
  if ((down > 0 || minDown > 0) && down < smallestDown) {
    violations.push(ruleViolation('down_payment_too_small', 'downPaymentCents', { minDownPaymentCents: smallestDown, maxDownPaymentCents: maxDown }, smallestDown));
  } else if (down > maxDown) {
    violations.push(ruleViolation('down_payment_too_large', 'downPaymentCents', { minDownPaymentCents: minDown, maxDownPaymentCents: maxDown }, maxDown));
  }
  if (firstDate < window.earliest || firstDate > window.latest) {
    violations.push(ruleViolation('first_date_out_of_window', 'firstDate', { earliestFirstDate: window.earliest, latestFirstDate: window.latest }, policy.firstPaymentWithinDays));
  }
  if (violations.some((v) => v.field === 'downPaymentCents')) return fail(violations[0]!, ...violations.slice(1));

  const financed = balanceCents - down;
  const min = policy.minInstallmentCents;
  const limits = planLimits(financed, frequency, firstDate, policy, today, { mode: choice.mode, downPaymentCents: down });
  const byDuration = paymentsWithinMonths(frequency, firstDate, policy.maxMonths);
  const byMinimum = Math.floor(financed / min);
  const manualCap = choice.mode === 'manual' && limits.maxManualPayments !== undefined ? limits.maxManualPayments : Infinity;
  const nearest: PlanNearest = {
    frequency,
    minPayments: 1,
    maxPayments: limits.maxPayments,
    ...(limits.minAmountCents === undefined ? {} : { minAmountCents: limits.minAmountCents }),
    maxAmountCents: financed,
    ...(down > 0 ? { maxDownPaymentCents: maxDown } : {}),
  };

  let count: number;
  if (byCount) {
    count = choice.payments ?? 1;
  } else {
    const amount = choice.amountCents ?? financed;
    if (amount > financed) {
      violations.push(ruleViolation('amount_too_large', 'amountCents', nearest, financed));
      return fail(violations[0]!, ...violations.slice(1));
    }
    if (amount < min) {
      violations.push(ruleViolation('installment_too_small', 'amountCents', nearest, min));
      return fail(violations[0]!, ...violations.slice(1));
    }
    count = paymentsForAmount(financed, amount, min);
  }
  // The rule a count breaks is the one with the tightest cap: that cap is what the patient can do.
  const field: PlanField = byCount ? 'payments' : 'amountCents';
  const caps: [PlanRuleCode, number, number][] = [
    ['installment_too_small', byMinimum, min],
    ['plan_too_long', byDuration, policy.maxMonths],
    ['autopay_required', manualCap, policy.autopayRequiredOverMonths ?? 0],
  ];
  const broken = caps.filter(([, cap]) => count > cap).sort((a, b) => a[1] - b[1])[0];
  if (broken) violations.push(ruleViolation(broken[0], field, nearest, broken[2]));
  if (violations.length > 0) return fail(violations[0]!, ...violations.slice(1));

  let regular: Cents;
  let last: Cents;
  if (byCount) {
    regular = Math.floor(financed / count);
    last = financed - regular * (count - 1);
  } else {
    regular = Math.min(choice.amountCents ?? financed, financed);
    last = financed - regular * (count - 1);
  }
  const payments: ScheduledPayment[] = [];
  if (down > 0) payments.push({ number: 1, kind: 'down_payment', dueOn: today, amountCents: down });
  installmentDates(frequency, firstDate, count).forEach((dueOn, index) => {
    payments.push({ number: payments.length + 1, kind: 'installment', dueOn, amountCents: index === count - 1 ? last : regular });
  });
  return {
    ok: true,
    schedule: {
      frequency,
      balanceCents,
      downPaymentCents: down,
      financedCents: financed,
      installmentCount: count,
      installmentCents: regular,
      lastInstallmentCents: last,
      payments,
      firstDate,
      lastDate: payments[payments.length - 1]?.dueOn ?? firstDate,
    },
  };
}
