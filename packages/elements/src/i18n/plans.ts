/**
 * `<plan-builder>`'s words: English here, Spanish in plans-es.ts, fetched only when spoken (the plan as the bill shows it is in
 * plan-account.ts). Kept beside the main dictionaries (en.ts, es.ts) rather than in them, so they
 * arrive with the plan builder: every element carries every term of the main dictionaries, and a
 * page showing a bill, or `<bill-lookup>` on its own, need not carry these. The same contract:
 * `planEn`'s shape is what every language must fill in completely (a missing or extra term is a
 * type error).
 */
import type { BankAccountType, InstallmentStatus, PlanFrequency, PlanRuleCode } from '@billpay/sdk';
import type { Widen } from './en.js';
import type { WordBook } from './locales.js';

/** A problem with what was typed in the plan builder (the practice's rules are `PlanRuleWords`). */
export type PlanIssueCode =
  | 'count.empty'
  | 'count.invalid'
  | 'amount.empty'
  | 'amount.invalid'
  | 'down.empty'
  | 'down.invalid'
  | 'date.empty'
  | 'date.month_missing'
  | 'date.day_missing'
  | 'date.year_missing'
  | 'date.month_invalid'
  | 'date.day_invalid'
  | 'date.year_invalid'
  | 'date.not_a_date'
  | 'mode.none'
  | 'authorization.unchecked';

/** A plan's terms: "12 payments of $200.00, every month, from … to …, a total of $2,400.00". */
export interface PlanTermsWords {
  readonly count: number;
  readonly frequency: PlanFrequency;
  /** The regular payment. */
  readonly amount: string;
  /** The last payment (the same as `amount` when the balance divides evenly). */
  readonly last: string;
  readonly first: string;
  readonly end: string;
  readonly total: string;
  /** The down payment taken today, if any. */
  readonly down: string | undefined;
}

/** A rule of the practice's policy a choice breaks, with the nearest choices that work. */
export interface PlanRuleWords {
  readonly code: PlanRuleCode;
  /** The rule's number as money (for the rules about amounts). */
  readonly money: string;
  /** The rule's number as a count (months, days). */
  readonly count: number;
  readonly frequency: PlanFrequency;
  /** At most this many payments at `frequency` work (0 or undefined: none). */
  readonly maxPayments: number | undefined;
  /** At least this much a payment works. */
  readonly minAmount: string | undefined;
  readonly maxDown: string | undefined;
  readonly earliest: string | undefined;
  readonly latest: string | undefined;
  readonly frequencies: readonly PlanFrequency[];
}

/** The recurring-payment authorization's facts. */
export interface PlanAuthorizationWords {
  /** `PlanTermsWords` as a phrase. */
  readonly terms: string;
  readonly practice: string;
  readonly date: string;
  readonly phone: string;
  /** The returned-payment fee (bank debits). */
  readonly fee: string;
  /** Bank: the account holder, its type and last four digits. */
  readonly holder: string;
  readonly type: BankAccountType;
  readonly last4: string;
  /** Card: "Visa ending in 4242". */
  readonly card: string;
}

export const planEn = {
  planTitle: 'Set up a payment plan',
  planIntro: (balance: string) => `Pay your balance of ${balance} in smaller payments over time, with no interest.`,
  planLoading: 'Loading your payment plan choices…',
  planLoadFailed: 'We couldn’t load the payment plan choices. Check your connection and try again.',
  planNotOffered: 'This practice doesn’t set up payment plans online. Please call billing to ask about one.',
  planTooSmall: (minimum: string) => `Payment plans are for balances of at least ${minimum}. You can pay your balance with Make a payment.`,
  planAlreadyExists: 'This account already has a payment plan. Its next payment is shown on your bill.',
  planFrequencyLegend: 'How often will you pay?',
  planFrequency: {
    weekly: 'Every week',
    biweekly: 'Every two weeks',
    semimonthly: 'Twice a month',
    monthly: 'Every month',
  } satisfies Record<PlanFrequency, string> as Record<PlanFrequency, string>,
  planSemimonthlyHint: 'On the day you choose and 15 days later',
  planSizeLegend: 'How many payments, or how much each?',
  planSizeHint: 'Change either one and the other follows.',
  planCountLabel: 'Number of payments',
  planCountHint: (max: number) => (max === 1 ? 'Only 1 payment at this frequency' : `From 1 to ${max}`),
  planAmountLabel: 'Amount of each payment, in dollars',
  planAmountHint: (minimum: string, maximum: string) => `From ${minimum} to ${maximum}`,
  planDownLabel: 'Down payment today, in dollars',
  planDownHint: (minimum: string, maximum: string) => `From ${minimum} to ${maximum}. It is paid today; the payments cover the rest.`,
  planFirstDateLegend: 'Date of the first payment',
  planFirstDateHint: (earliest: string, latest: string) => `Between ${earliest} and ${latest}. Month, day and year, for example 3 15 2027.`,
  planModeLegend: 'How will you make each payment?',
  planModeBank: 'Automatically, from my bank account',
  planModeCard: 'Automatically, charged to my card',
  planModeManual: 'I’ll pay each one myself',
  planModeManualHint: 'Pay each one from your bill by its date. You can add reminders to your calendar.',
  planAutopayNotOffered: 'Automatic payment isn’t offered for plans here: you pay each payment yourself.',
  planAutopayRequiredHint: (months: number) => `Plans longer than ${months} ${months === 1 ? 'month' : 'months'} need automatic payment.`,
  planMethodBankLegend: 'Bank account for the automatic payments',
  planMethodCardLegend: 'Card for the automatic payments',
  planTerms: (w: PlanTermsWords) => {
    const every = { weekly: 'every week', biweekly: 'every two weeks', semimonthly: 'twice a month', monthly: 'every month' }[w.frequency];
    const down = w.down ? `a down payment of ${w.down} today, then ` : '';
    if (w.count === 1) return `${down}1 payment of ${w.last} on ${w.first}, a total of ${w.total}`;
    const amounts = w.last === w.amount ? `${w.count} payments of ${w.amount}, ${every}` : `${w.count} payments ${every}, ${w.count - 1} of ${w.amount} and a last one of ${w.last}`;
    return `${down}${amounts}, from ${w.first} to ${w.end}, a total of ${w.total}`;
  },
  planScheduleCaption: 'Your payment schedule',
  planColNumber: 'Payment',
  planColDate: 'Date',
  planColAmount: 'Amount',
  planColStatus: 'Status',
  planDownPaymentRow: 'Down payment',
  planNoSchedule: 'The schedule appears here once the choices above work.',
  planIssues: {
    'count.empty': 'Enter the number of payments.',
    'count.invalid': 'Enter the number of payments as a whole number, for example 12.',
    'amount.empty': 'Enter the amount of each payment.',
    'amount.invalid': 'Enter the amount of each payment in dollars and cents, for example 200.00.',
    'down.empty': 'Enter the down payment.',
    'down.invalid': 'Enter the down payment in dollars and cents, for example 100.00.',
    'date.empty': 'Enter the date of the first payment.',
    'date.month_missing': 'The first payment date needs a month.',
    'date.day_missing': 'The first payment date needs a day.',
    'date.year_missing': 'The first payment date needs a year.',
    'date.month_invalid': 'The month must be a number from 1 to 12.',
    'date.day_invalid': 'The day must be a number from 1 to 31.',
    'date.year_invalid': 'The year must have 4 digits, for example 2027.',
    'date.not_a_date': 'That date doesn’t exist. Check the day and month.',
    'mode.none': 'Choose how you will make each payment.',
    'authorization.unchecked': 'To pay automatically, check the box to accept the authorization.',
  } satisfies Record<PlanIssueCode, string> as Record<PlanIssueCode, string>,
  planRule: (w: PlanRuleWords) => {
    const kinds = { weekly: 'weekly payments', biweekly: 'payments every two weeks', semimonthly: 'twice-a-month payments', monthly: 'monthly payments' };
    const names = { weekly: 'weekly', biweekly: 'every two weeks', semimonthly: 'twice a month', monthly: 'monthly' };
    const payments = (n: number, f: PlanFrequency) => `${n} ${n === 1 ? kinds[f].replace('payments', 'payment') : kinds[f]}`;
    const or = (words: readonly string[]) => (words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1] ?? ''}`);
    const upTo = or([...(w.maxPayments ? [`up to ${payments(w.maxPayments, w.frequency)}`] : []), ...(w.minAmount ? [`at least ${w.minAmount} a payment`] : [])]);
    const months = `${w.count} ${w.count === 1 ? 'month' : 'months'}`;
    switch (w.code) {
      case 'invalid_choice':
        return 'Choose a number of payments or an amount per payment, and a first payment date.';
      case 'balance_too_small':
        return `Payment plans are for balances of at least ${w.money}.`;
      case 'frequency_not_offered':
        return `Payments can be made ${or(w.frequencies.map((f) => names[f]))}.`;
      case 'first_date_out_of_window':
        return w.earliest && w.latest ? `The first payment must be between ${w.earliest} and ${w.latest}.` : 'The first payment date is outside the allowed dates.';
      case 'installment_too_small':
        if (w.maxPayments) return `At least ${w.money} a payment: up to ${payments(w.maxPayments, w.frequency)}.`;
        return w.maxDown ? `At least ${w.money} a payment: a down payment of at most ${w.maxDown}.` : `At least ${w.money} a payment.`;
      case 'amount_too_large':
        return `At most ${w.money} a payment: that is everything in one payment.`;
      case 'plan_too_long':
        return `At most ${months}: ${upTo}.`;
      case 'down_payment_too_small':
        return `A down payment of at least ${w.money} is needed.`;
      case 'down_payment_too_large':
        return `The down payment can be at most ${w.money}, so the plan has at least one payment left.`;
      case 'autopay_not_offered':
        return 'Automatic payment is not offered for plans here: you pay each installment yourself.';
      case 'autopay_required':
        return `Plans longer than ${months} need automatic payment. To pay each installment yourself: ${upTo}.`;
    }
  },
  planReviewButton: 'Review plan',
  planPreparing: 'Checking your plan…',
  planReviewTitle: 'Review your payment plan',
  planReviewIntro: 'Nothing is set up until you select Set up plan.',
  planReviewBalance: 'Balance',
  planReviewTerms: 'Payments',
  planReviewHow: 'How you pay',
  planReviewManual: 'You pay each one yourself',
  planReviewAutomatic: (method: string) => `Automatically, from your ${method}`,
  planReviewPayee: 'Paid to',
  planAuthorizationBankTitle: 'Authorization for recurring bank debits',
  planAuthorizationCardTitle: 'Authorization for recurring card charges',
  planAuthorizationBank: (a: PlanAuthorizationWords) =>
    `I, ${a.holder}, authorize ${a.practice} to debit my ${a.type} account ending in ${a.last4} for the recurring payments of this payment plan: ${a.terms}. Each debit is made on its date. If my bank returns a debit, it will be tried again 3 days later, and a returned-payment fee of ${a.fee} may be added to my account. This authorization is dated ${a.date} and stays in effect until the plan is paid, unless I revoke it. I can revoke it at any time by calling ${a.phone} before the date of a payment. I am authorized to use this account.`,
  planAuthorizationCard: (a: PlanAuthorizationWords) =>
    `I authorize ${a.practice} to charge my ${a.card} for the recurring payments of this payment plan: ${a.terms}. Each charge is made on its date. If a charge is declined, it will be tried again 3 days later. This authorization is dated ${a.date} and stays in effect until the plan is paid, unless I revoke it. I can revoke it at any time by calling ${a.phone} before the date of a payment. I am authorized to use this card.`,
  planAuthorizationAccept: 'I have read and accept this authorization for recurring payments.',
  planManualNote: 'You pay each payment yourself, on or before its date, with Make a payment on your bill. If two payments in a row are missed, the plan falls behind and your balance can be treated as past due.',
  planSubmit: 'Set up plan',
  planSubmitting: 'Setting up your plan. Please keep this page open…',
  planChange: 'Change plan',
  planNetwork: 'We didn’t get an answer from the billing system, so we can’t tell yet whether your plan was set up. Try again: you will not get two plans.',
  planOther: 'Something went wrong on our side and no plan was set up. Try again in a moment, or call billing.',
  planExistsNow: 'This account already has a payment plan, so no new plan was set up.',
  planCardUnavailable: 'Automatic payments can’t be charged to a card here. Choose a bank account, or pay each payment yourself.',
  planMethodExpired: 'Your payment details expired. Enter them again.',
  planAcceptAgain: 'Please read and accept the authorization again.',
  planRulesTitle: 'This plan doesn’t fit the practice’s rules',
  planDoneTitle: 'Your payment plan is set up',
  planNextPayment: (amount: string, date: string) => `Next payment: ${amount} on ${date}.`,
  planNextAutomatic: (method: string) => `It will be charged automatically to your ${method}.`,
  planNextManual: 'Pay it with Make a payment on your bill, on or before that date.',
  planDoneKeep: 'Keep this schedule for your records.',
  planPrint: 'Print schedule',
  planCalendar: 'Add reminders to my calendar',
  planCalendarEvent: (amount: string, practice: string) => `Pay ${amount} to ${practice} (payment plan)`,
  planCalendarFile: 'payment-plan',
  planMethodTitle: 'Change your plan’s payment method',
  planMethodIntro: (left: string, count: number) =>
    `Your plan has ${left} left in ${count} ${count === 1 ? 'payment' : 'payments'}. Choose the bank account or card to charge ${count === 1 ? 'it' : 'them'} to from now on. Nothing is charged today.`,
  planMethodNow: (method: string) => `Now charged to your ${method}.`,
  planMethodLegend: 'What should the payments be charged to?',
  planMethodLoadFailed: 'We couldn’t load your payment plan. Check your connection and try again.',
  planMethodNotRunning: 'This plan has no automatic payments to change. Call billing if you need help.',
  planMethodReviewButton: 'Review new payment method',
  planMethodReviewTitle: 'Review your new payment method',
  planMethodReviewIntro: 'Nothing changes until you select Change payment method.',
  planMethodLeft: 'Left to pay',
  planMethodSubmit: 'Change payment method',
  planMethodSubmitting: 'Changing your payment method. Please keep this page open…',
  planMethodChange: 'Use another method',
  planMethodOther: 'Something went wrong on our side and your payment method was not changed. Try again in a moment, or call billing.',
  planMethodDoneTitle: 'Your payment method is changed',
  planMethodDone: (method: string) => `The payments left will be charged automatically to your ${method}.`,
  planInstallmentStatus: {
    scheduled: 'Scheduled',
    charging: 'Being charged',
    processing: 'Processing',
    paid: 'Paid',
    failed: 'Didn’t go through',
    canceled: 'Canceled',
  } satisfies Record<InstallmentStatus, string> as Record<InstallmentStatus, string>,
};

/** The shape every language must provide, term by term. */
export type PlanTranslation = { readonly [K in keyof typeof planEn]: Widen<(typeof planEn)[K]> };

/** The book of these words: English here, each other language a chunk of its own fetched when spoken (`loadBook`). */
export const planBook: WordBook<PlanTranslation> = { name: 'plan', en: planEn, loaders: { es: () => import('./plans-es.js').then((module) => module.planEs) } };
