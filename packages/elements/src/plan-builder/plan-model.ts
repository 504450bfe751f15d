/**
 * What the plan form's choices make, as pure functions of the choices and the practice's plan
 * options: the schedule, or the problem with each answer; the linked count and amount kept in step.
 */
import {
  daysInMonth,
  firstDateWindow,
  formatMoney,
  parseMoney,
  paymentsForAmount,
  planLimits,
  planSchedule,
  type PlanFrequency,
  type PlanLimits,
  type PlanOptions,
  type PlanPolicy,
  type PlanRequest,
  type PlanRuleViolation,
  type PlanSchedule,
} from '@billpay/sdk';
import type { PayIssueCode } from '../i18n/pay.js';
import type { PlanIssueCode } from '../i18n/plans.js';
import { CAPTURE_INPUT, captureSlots, checkCaptureSlot, type CaptureSlot, type CaptureValues, type CapturedMethod, type CardCapture } from '../payment-method/capture.js';

/** How each payment is made: charged automatically to a bank account or a card, or by the patient. */
export type PayMode = 'bank' | 'card' | 'manual';
/** Which of the two linked fields the patient set last: the plan is asked for by that one. */
export type Driver = 'count' | 'amount';

export type PlanSlot = 'down' | 'frequency' | 'count' | 'amount' | 'firstDate' | 'mode';
/** Where a problem is shown, in the order the fields appear. */
export type Slot = PlanSlot | CaptureSlot | 'authorization';

export const INPUT_OF: Record<Slot, string> = {
  down: 'down-payment',
  frequency: 'frequency',
  count: 'plan-count',
  amount: 'plan-amount',
  firstDate: 'first-month',
  mode: 'mode',
  ...CAPTURE_INPUT,
  authorization: 'authorization-accept',
};
export const SLOTS = Object.keys(INPUT_OF) as Slot[];
export const PLAN_SLOTS: readonly PlanSlot[] = ['down', 'frequency', 'count', 'amount', 'firstDate', 'mode'];

/** The field of a plan request a rule names, as the slot that shows it. */
const SLOT_OF_FIELD: Record<PlanRuleViolation['field'], PlanSlot | undefined> = {
  balanceCents: undefined,
  frequency: 'frequency',
  firstDate: 'firstDate',
  payments: 'count',
  amountCents: 'amount',
  downPaymentCents: 'down',
  mode: 'mode',
};

export type Issue = { code: PayIssueCode } | { code: PlanIssueCode } | { code: 'rule'; violation: PlanRuleViolation };
export type Issues = Partial<Record<Slot, Issue>>;

export interface Values extends CaptureValues {
  down: string;
  frequency: PlanFrequency;
  count: string;
  amount: string;
  driver: Driver;
  month: string;
  day: string;
  year: string;
  mode: PayMode | '';
}

export type TextField = 'down' | 'count' | 'amount' | 'month' | 'day' | 'year' | keyof CaptureValues;

/** What the review shows, frozen: exactly this plan is asked for when the patient selects Set up plan. */
export interface Review {
  readonly schedule: PlanSchedule;
  readonly terms: Omit<PlanRequest, 'payment'>;
  readonly mode: PayMode;
  readonly captured: CapturedMethod | undefined;
  /** The day the plan is made (the server's today): the authorization's date. */
  readonly date: string;
  /** One key per reviewed plan: Set up plan, a double click and every retry share it. */
  readonly idempotencyKey: string;
}

export type Failure =
  | { kind: 'rules' }
  | { kind: 'network' }
  | { kind: 'exists' }
  | { kind: 'card' }
  | { kind: 'expired' }
  | { kind: 'accept' }
  /** A payment method was not changed, for a reason the patient cannot fix. */
  | { kind: 'methodOther' }
  | { kind: 'ineligible'; violation: PlanRuleViolation }
  | { kind: 'other' };

/** What the choices make: the schedule, or what is wrong with them. */
export interface Evaluation {
  readonly schedule: PlanSchedule | undefined;
  readonly issues: Issues;
  readonly limits: PlanLimits | undefined;
  readonly financedCents: number;
  readonly window: { earliest: string; latest: string };
  /** A rule that no choice here can fix (a balance too small for a plan). */
  readonly blocking: PlanRuleViolation | undefined;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const partsOf = (iso: string) => {
  const [year = '', month = '', day = ''] = iso.split('-');
  return { year, month: String(Number(month)), day: String(Number(day)) };
};
export const plainMoney = (cents: number): string => formatMoney(cents).replace(/^\$/, '');

/** The starting choices: monthly (or the first frequency offered), the earliest date, up to 12 payments. */
export function startValues(values: Values, options: PlanOptions): Values {
  const policy = options.policy;
  const frequency: PlanFrequency = policy.frequencies.includes('monthly') ? 'monthly' : (policy.frequencies[0] ?? 'monthly');
  const downCents = policy.downPaymentCents ?? 0;
  const window = firstDateWindow(policy, options.today, downCents);
  const limits = planLimits(Math.max(0, options.balanceCents - downCents), frequency, window.earliest, policy, options.today, { downPaymentCents: downCents });
  const count = Math.max(1, Math.min(12, limits.maxPayments));
  return {
    ...values,
    frequency,
    down: downCents > 0 ? plainMoney(downCents) : '',
    count: String(count),
    amount: plainMoney(Math.floor(limits.financedCents / count)),
    driver: 'count',
    ...partsOf(window.earliest),
  };
}

function downCents(values: Values, policy: PlanPolicy): { cents: number } | { issue: Issue } {
  if (policy.downPaymentCents === undefined) return { cents: 0 };
  const text = values.down.trim();
  if (!text) return policy.downPaymentCents > 0 ? { issue: { code: 'down.empty' } } : { cents: 0 };
  const parsed = parseMoney(text);
  return parsed.ok ? { cents: parsed.cents } : { issue: { code: 'down.invalid' } };
}

function firstDate(values: Values): { date: string } | { issue: Issue } {
  const month = values.month.trim();
  const day = values.day.trim();
  const year = values.year.trim();
  const issue = (code: PlanIssueCode) => ({ issue: { code } });
  if (!month && !day && !year) return issue('date.empty');
  if (!month) return issue('date.month_missing');
  if (!day) return issue('date.day_missing');
  if (!year) return issue('date.year_missing');
  if (!/^\d{1,2}$/.test(month) || Number(month) < 1 || Number(month) > 12) return issue('date.month_invalid');
  if (!/^\d{1,2}$/.test(day) || Number(day) < 1 || Number(day) > 31) return issue('date.day_invalid');
  if (!/^\d{4}$/.test(year)) return issue('date.year_invalid');
  if (Number(day) > daysInMonth(Number(year), Number(month))) return issue('date.not_a_date');
  return { date: `${year}-${pad(Number(month))}-${pad(Number(day))}` };
}

function paymentsCount(values: Values): { count: number } | { issue: Issue } {
  const text = values.count.trim();
  if (!text) return { issue: { code: 'count.empty' } };
  if (!/^\d{1,4}$/.test(text) || Number(text) < 1) return { issue: { code: 'count.invalid' } };
  return { count: Number(text) };
}

function amountCents(values: Values): { cents: number } | { issue: Issue } {
  const parsed = parseMoney(values.amount);
  if (!parsed.ok) return { issue: { code: parsed.issue === 'money.empty' ? 'amount.empty' : 'amount.invalid' } };
  if (parsed.cents < 1) return { issue: { code: 'amount.invalid' } };
  return { cents: parsed.cents };
}

function planMode(values: Values): 'automatic' | 'manual' | undefined {
  const mode = values.mode;
  return mode === '' ? undefined : mode === 'manual' ? 'manual' : 'automatic';
}

/**
 * The practice's rules a plan breaks, by the slot that shows each: the rules a choice can fix, and
 * the first that none can (`blocking`, e.g. a balance too small for a plan).
 */
export function ruleIssues(violations: readonly PlanRuleViolation[], issues: Issues = {}): { issues: Issues; blocking: PlanRuleViolation | undefined } {
  let blocking: PlanRuleViolation | undefined;
  for (const violation of violations) {
    const slot = SLOT_OF_FIELD[violation.field];
    if (!slot) blocking ??= violation;
    else issues[slot] ??= { code: 'rule', violation };
  }
  return { issues, blocking };
}

/** Every problem with the choices (shown or not yet), the schedule they make, and the limits. */
export function evaluate(values: Values, options: PlanOptions | undefined, cardCapture: CardCapture): Evaluation {
  const policy = options?.policy;
  const issues: Issues = {};
  if (!options || !policy) return { schedule: undefined, issues, limits: undefined, financedCents: 0, window: { earliest: '', latest: '' }, blocking: undefined };
  const down = downCents(values, policy);
  if ('issue' in down) issues.down = down.issue;
  const downPaymentCents = 'cents' in down ? down.cents : (policy.downPaymentCents ?? 0);
  const window = firstDateWindow(policy, options.today, downPaymentCents);
  const date = firstDate(values);
  if ('issue' in date) issues.firstDate = date.issue;
  const byCount = values.driver === 'count';
  const size = byCount ? paymentsCount(values) : amountCents(values);
  if ('issue' in size) issues[byCount ? 'count' : 'amount'] = size.issue;
  const mode = planMode(values);
  if (!mode) issues.mode = { code: 'mode.none' };
  const financedCents = Math.max(0, options.balanceCents - downPaymentCents);
  const limits = planLimits(financedCents, values.frequency, 'date' in date ? date.date : window.earliest, policy, options.today, {
    mode,
    downPaymentCents,
  });
  if (values.mode === 'bank' || values.mode === 'card') {
    for (const slot of captureSlots(values.mode, cardCapture)) {
      const code = checkCaptureSlot(values, slot);
      if (code) issues[slot] = { code };
    }
  }
  let schedule: PlanSchedule | undefined;
  let blocking: PlanRuleViolation | undefined;
  if (!issues.down && !issues.firstDate && !('issue' in size) && 'date' in date) {
    const result = planSchedule(
      {
        balanceCents: options.balanceCents,
        frequency: values.frequency,
        firstDate: date.date,
        ...('count' in size ? { payments: size.count } : { amountCents: size.cents }),
        downPaymentCents,
        mode,
      },
      policy,
      options.today,
    );
    if (result.ok) schedule = result.schedule;
    else blocking = ruleIssues(result.violations, issues).blocking;
  }
  return { schedule, issues, limits, financedCents, window, blocking };
}

/** The problems to show now: those of fields the patient has left, and the processor's or server's (`sticky`). */
export function shownIssues(evaluation: Evaluation, sticky: Issues, touched: ReadonlySet<Slot>): Issues {
  const shown: Issues = {};
  for (const slot of SLOTS) {
    const issue = sticky[slot] ?? (touched.has(slot) ? evaluation.issues[slot] : undefined);
    if (issue) shown[slot] = issue;
  }
  return shown;
}

/** Keeps the other of count and amount in step with the one just typed, when it makes a plan within the limits. */
export function follow(values: Values, options: PlanOptions | undefined, cardCapture: CardCapture, driver: Driver): Values {
  const limits = evaluate(values, options, cardCapture).limits;
  const policy = options?.policy;
  if (!limits || !policy) return values;
  if (driver === 'count') {
    const count = paymentsCount(values);
    if ('count' in count && count.count <= limits.maxPayments) return { ...values, amount: plainMoney(Math.floor(limits.financedCents / count.count)) };
  } else {
    const amount = amountCents(values);
    if ('cents' in amount && amount.cents >= policy.minInstallmentCents && amount.cents <= limits.maxAmountCents) {
      const count = paymentsForAmount(limits.financedCents, amount.cents, policy.minInstallmentCents);
      if (count <= limits.maxPayments) return { ...values, count: String(count) };
    }
  }
  return values;
}

/** With a down payment the first installment comes tomorrow at the earliest: a date not typed in follows. */
export function dateInWindow(values: Values, options: PlanOptions | undefined): Values {
  const policy = options?.policy;
  if (!options || !policy) return values;
  const down = downCents(values, policy);
  const { month, day, year } = partsOf(firstDateWindow(policy, options.today, 'cents' in down ? down.cents : 0).earliest);
  return values.month !== month || values.day !== day || values.year !== year ? { ...values, month, day, year } : values;
}

/**
 * The ways to pay each installment offered: automatically from a bank account or a card where the
 * policy offers it, the practice takes payments and `autopayMethods` (space-separated) names it
 * (a card not once the server has refused it); paying by hand always.
 */
export function offeredModes(policy: PlanPolicy | undefined, takesPayments: boolean, autopayMethods: string, cardRefused: boolean): PayMode[] {
  const automatic = Boolean(policy && policy.autopay !== 'not_offered' && takesPayments);
  const named = new Set(autopayMethods.split(/\s+/));
  const modes: PayMode[] = [];
  if (automatic && named.has('bank')) modes.push('bank');
  if (automatic && named.has('card') && !cardRefused) modes.push('card');
  modes.push('manual');
  return modes;
}

/** The input a slot's message leads to (for a group of choices: the chosen one, or the first offered). */
export function inputOf(slot: Slot, values: Values, modes: readonly PayMode[]): string {
  if (slot === 'frequency') return `frequency-${values.frequency}`;
  if (slot === 'mode') return `mode-${values.mode || (modes[0] ?? 'manual')}`;
  return INPUT_OF[slot];
}
