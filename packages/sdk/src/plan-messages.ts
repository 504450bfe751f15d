/**
 * What a plan rule says in English: the sentence the API sends with each violation of a plan's
 * rules (widgets say it in another language from the same code, limit and nearest choices).
 */
import { formatMoney } from './money.js';
import type { PlanField, PlanFrequency, PlanNearest, PlanRuleCode, PlanRuleViolation } from './schemas.js';

const FREQUENCY_WORDS: Readonly<Record<PlanFrequency, string>> = {
  weekly: 'weekly payments',
  biweekly: 'payments every two weeks',
  semimonthly: 'twice-a-month payments',
  monthly: 'monthly payments',
};
const FREQUENCY_NAMES: Readonly<Record<PlanFrequency, string>> = {
  weekly: 'weekly',
  biweekly: 'every two weeks',
  semimonthly: 'twice a month',
  monthly: 'monthly',
};

const englishDate = (iso: string) =>
  new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'long', day: 'numeric', year: 'numeric' }).format(new Date(`${iso}T00:00:00Z`));

const list = (words: readonly string[]) =>
  words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1] ?? ''}`;

function upTo(nearest: PlanNearest): string {
  const parts: string[] = [];
  if (nearest.maxPayments !== undefined && nearest.maxPayments > 0 && nearest.frequency) {
    parts.push(`up to ${nearest.maxPayments} ${nearest.maxPayments === 1 ? FREQUENCY_WORDS[nearest.frequency].replace('payments', 'payment') : FREQUENCY_WORDS[nearest.frequency]}`);
  }
  if (nearest.minAmountCents !== undefined) parts.push(`at least ${formatMoney(nearest.minAmountCents)} a payment`);
  return list(parts);
}

/**
 * The English sentence for a violation, from its code, limit and nearest choices (what a widget
 * says in another language from the same data), e.g. "At least $25.00 a payment: up to 12
 * monthly payments."
 */
export function planRuleMessage(violation: Pick<PlanRuleViolation, 'code' | 'limit' | 'nearest'>): string {
  const { code, limit = 0, nearest } = violation;
  switch (code) {
    case 'invalid_choice':
      return 'Choose a number of payments or an amount per payment (one of the two), and a first payment date.';
    case 'balance_too_small':
      return `Payment plans are for balances of at least ${formatMoney(limit)}.`;
    case 'frequency_not_offered':
      return `Payments can be made ${list((nearest.frequencies ?? []).map((f) => FREQUENCY_NAMES[f]))}.`;
    case 'first_date_out_of_window':
      return nearest.earliestFirstDate && nearest.latestFirstDate
        ? `The first payment must be between ${englishDate(nearest.earliestFirstDate)} and ${englishDate(nearest.latestFirstDate)}.`
        : 'The first payment date is outside the allowed window.';
    case 'installment_too_small': {
      const options = nearest.maxPayments ? `: up to ${nearest.maxPayments} ${FREQUENCY_WORDS[nearest.frequency ?? 'monthly'].replace('payments', nearest.maxPayments === 1 ? 'payment' : 'payments')}` : '';
      const smaller = !nearest.maxPayments && nearest.maxDownPaymentCents !== undefined ? `: a down payment of at most ${formatMoney(nearest.maxDownPaymentCents)}` : '';
      return `At least ${formatMoney(limit)} a payment${options}${smaller}.`;
    }
    case 'amount_too_large':
      return `At most ${formatMoney(limit)} a payment: that is everything in one payment.`;
    case 'plan_too_long':
      return `At most ${limit} ${limit === 1 ? 'month' : 'months'}: ${upTo(nearest)}.`;
    case 'down_payment_too_small':
      return `A down payment of at least ${formatMoney(limit)} is needed.`;
    case 'down_payment_too_large':
      return `The down payment can be at most ${formatMoney(limit)}, so the plan has at least one payment left.`;
    case 'autopay_not_offered':
      return 'Automatic payment is not offered for plans here: you pay each installment yourself.';
    case 'autopay_required':
      return `Plans longer than ${limit} ${limit === 1 ? 'month' : 'months'} need automatic payment. To pay each installment yourself: ${upTo(nearest)}.`;
  }
}

/** A violation of `code`, with its English sentence. */
export function ruleViolation(code: PlanRuleCode, field: PlanField, nearest: PlanNearest, limit?: number): PlanRuleViolation {
  const base = { code, field, nearest, ...(limit === undefined ? {} : { limit }) };
  return { ...base, message: planRuleMessage(base) };
}

