/** The words of a plan (its terms, its rules, its problems, its authorization) in the reader's language. */
import type { PlanFrequency, PlanRuleViolation, PlanSchedule, Practice } from '@billpay/sdk';
import { formatDate, money } from '../i18n/format.js';
import { wordsOf, type Locale } from '../i18n/locales.js';
import { payWords, type PayIssueCode } from '../i18n/pay.js';
import { planBook, type PlanIssueCode, type PlanTermsWords } from '../i18n/plans.js';
import { describeMethod } from '../payment-method/capture.js';
import type { SummaryContent } from '../form/form-issues.js';
import { SLOTS, type Evaluation, type Failure, type Issue, type Issues, type Review, type Slot } from './plan-model.js';

export type TermsOf = Pick<PlanSchedule, 'frequency' | 'installmentCount' | 'installmentCents' | 'lastInstallmentCents' | 'firstDate' | 'lastDate' | 'balanceCents' | 'downPaymentCents'>;

/** "12 payments of …" -> "12 payments of ….": a phrase as a sentence. */
export function sentence(phrase: string): string {
  return `${phrase.charAt(0).toUpperCase()}${phrase.slice(1)}.`;
}

export function termsWords(schedule: TermsOf, locale: Locale): PlanTermsWords {
  return {
    count: schedule.installmentCount,
    frequency: schedule.frequency,
    amount: money(schedule.installmentCents, locale),
    last: money(schedule.lastInstallmentCents, locale),
    first: formatDate(schedule.firstDate, locale),
    end: formatDate(schedule.lastDate, locale),
    total: money(schedule.balanceCents, locale),
    down: schedule.downPaymentCents > 0 ? money(schedule.downPaymentCents, locale) : undefined,
  };
}

/** The plan's terms in one sentence. */
export function termsSentence(schedule: TermsOf, locale: Locale): string {
  return sentence(wordsOf(planBook, locale).planTerms(termsWords(schedule, locale)));
}

/** A rule of the practice the plan breaks, and the nearest plan it allows; `frequency` is the one chosen. */
export function ruleText(violation: PlanRuleViolation, locale: Locale, frequency: PlanFrequency): string {
  const p = wordsOf(planBook, locale);
  const nearest = violation.nearest;
  const cents = (value: number | undefined) => (value === undefined ? undefined : money(value, locale));
  return p.planRule({
    code: violation.code,
    money: money(violation.limit ?? 0, locale),
    count: violation.limit ?? 0,
    frequency: nearest.frequency ?? frequency,
    maxPayments: nearest.maxPayments,
    minAmount: cents(nearest.minAmountCents),
    maxDown: cents(nearest.maxDownPaymentCents),
    earliest: nearest.earliestFirstDate ? formatDate(nearest.earliestFirstDate, locale) : undefined,
    latest: nearest.latestFirstDate ? formatDate(nearest.latestFirstDate, locale) : undefined,
    frequencies: nearest.frequencies ?? [],
  });
}

export function issueText(issue: Issue, locale: Locale, frequency: PlanFrequency): string {
  const p = wordsOf(planBook, locale);
  if (issue.code === 'rule') return ruleText(issue.violation, locale, frequency);
  if (issue.code in p.planIssues) return p.planIssues[issue.code as PlanIssueCode];
  return payWords(locale).payIssues[issue.code as PayIssueCode];
}

export function failureMessage(failure: Failure, locale: Locale, frequency: PlanFrequency): string {
  const p = wordsOf(planBook, locale);
  switch (failure.kind) {
    case 'network':
      return p.planNetwork;
    case 'exists':
      return p.planExistsNow;
    case 'card':
      return p.planCardUnavailable;
    case 'expired':
      return p.planMethodExpired;
    case 'accept':
      return p.planAcceptAgain;
    case 'methodOther':
      return p.planMethodOther;
    case 'ineligible':
      return ruleText(failure.violation, locale, frequency);
    case 'rules':
    case 'other':
      return p.planOther;
  }
}

/** The recurring-payment authorization the patient accepts for automatic payments ('' for a plan paid by hand). */
export function authorizationText(review: Review, practice: Practice | undefined, locale: Locale): string {
  const t = payWords(locale);
  const p = wordsOf(planBook, locale);
  const captured = review.captured;
  if (!practice || !captured) return '';
  const words = {
    terms: p.planTerms(termsWords(review.schedule, locale)),
    practice: practice.name,
    date: formatDate(review.date, locale),
    phone: practice.contact.phone,
    fee: money(practice.policies.returnedPaymentFeeCents, locale),
    holder: captured.bank?.holder ?? '',
    type: captured.bank?.type ?? 'checking',
    last4: captured.method.last4,
    card: describeMethod(captured.method, t, undefined, 'inSentence'),
  };
  return review.mode === 'bank' ? p.planAuthorizationBank(words) : p.planAuthorizationCard(words);
}

/** The plan in one sentence (or the rule it breaks), as shown above the schedule and announced. */
export function scheduleSentence(evaluation: Evaluation, locale: Locale, frequency: PlanFrequency): string {
  if (evaluation.schedule) return termsSentence(evaluation.schedule, locale);
  const rule = Object.values(evaluation.issues).find((issue) => issue.code === 'rule');
  return rule ? issueText(rule, locale, frequency) : '';
}

/** The form's error summary: the practice's rules the plan breaks, or what to fix; `targetOf` names the input each line leads to. */
export function formSummary(errors: Issues, failure: Failure | undefined, locale: Locale, frequency: PlanFrequency, targetOf: (slot: Slot) => string): SummaryContent {
  const t = payWords(locale);
  const slots = SLOTS.filter((slot) => errors[slot] && !(slot === 'card' && errors.card?.code === 'card.hosted_invalid'));
  const rules = failure?.kind === 'rules' || (slots.length > 0 && slots.every((slot) => errors[slot]?.code === 'rule'));
  return {
    title: rules ? wordsOf(planBook, locale).planRulesTitle : t.errorSummaryTitle,
    failures: [failure && failure.kind !== 'rules' ? failureMessage(failure, locale, frequency) : undefined],
    lines: slots.map((slot) => ({ inputId: targetOf(slot), text: issueText(errors[slot]!, locale, frequency) })),
  };
}

/** The review's error summary: a failure, or the authorization left unaccepted. */
export function reviewSummary(errors: Issues, failure: Failure | undefined, locale: Locale, frequency: PlanFrequency): SummaryContent {
  const authorization = errors.authorization;
  return {
    title: payWords(locale).errorSummaryTitle,
    failures: [failure && failureMessage(failure, locale, frequency)],
    lines: authorization ? [{ inputId: 'authorization-accept', text: issueText(authorization, locale, frequency) }] : [],
  };
}
