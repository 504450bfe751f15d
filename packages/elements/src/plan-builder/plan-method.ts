/**
 * `<plan-builder mode="change-method">`'s own parts (the billing office sent the patient a link to
 * change their automatic plan's payment method): the payments the plan has left, as the schedule
 * the review shows and the authorization describes, and the form: the plan as it stands, then the
 * bank account or card, chosen and typed with the plan form's own fields. The review, the
 * authorization and the confirmation are the plan builder's.
 */
import type { Plan, PlanSchedule } from '@billpay/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { money } from '../i18n/format.js';
import { wordsOf } from '../i18n/locales.js';
import { payWords } from '../i18n/pay.js';
import { planBook } from '../i18n/plans.js';
import { describeMethod } from '../payment-method/capture.js';
import { radioGroup, renderMethod, type PlanFormView } from './plan-form.js';
import type { Issues, PayMode } from './plan-model.js';

/**
 * The payments an automatic plan has left (scheduled, or failed and due again), in date order, as
 * a schedule; `undefined` when there is nothing left to charge to a new method.
 */
export function remainingSchedule(plan: Plan): PlanSchedule | undefined {
  if (plan.mode !== 'automatic' || (plan.status !== 'active' && plan.status !== 'delinquent')) return undefined;
  const payments = plan.installments
    .filter((i) => i.status === 'scheduled' || i.status === 'failed')
    .map((i) => ({ number: i.number, kind: i.kind, dueOn: i.retryOn ?? i.dueOn, amountCents: i.amountCents }))
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.number - b.number);
  const first = payments[0];
  const last = payments[payments.length - 1];
  if (!first || !last) return undefined;
  const balanceCents = payments.reduce((sum, p) => sum + p.amountCents, 0);
  return {
    frequency: plan.frequency,
    balanceCents,
    downPaymentCents: 0,
    financedCents: balanceCents,
    installmentCount: payments.length,
    installmentCents: plan.installmentCents,
    lastInstallmentCents: last.amountCents,
    payments,
    firstDate: first.dueOn,
    lastDate: last.dueOn,
  };
}

/** The ways an automatic plan's payments may be charged: those offered for automatic payment. */
export const automaticModes = (modes: readonly PayMode[]): PayMode[] => modes.filter((mode) => mode !== 'manual');

export interface MethodFormStep {
  readonly plan: Plan | undefined;
  readonly loadFailed: boolean;
  /** The practice offers no plans online now (its policy is not there to say which methods it takes). */
  readonly notOffered: boolean;
  readonly errors: Issues;
  readonly summary: (errors: Issues) => TemplateResult | typeof nothing;
  readonly preparing: boolean;
  readonly onReview: (event: SubmitEvent) => Promise<void>;
  readonly onRetry: () => void;
}

/** Under the heading: loading, why there is nothing to change, or the form. */
export function methodStart(view: PlanFormView, step: MethodFormStep): TemplateResult {
  const { locale } = view;
  const t = payWords(locale);
  const p = wordsOf(planBook, locale);
  const { plan, errors } = step;
  if (step.loadFailed) {
    return html`<div class="problem" role="alert"><p>${p.planMethodLoadFailed}</p></div>
      <button type="button" class="secondary" @click=${step.onRetry}>${t.tryAgain}</button>`;
  }
  const left = plan && remainingSchedule(plan);
  if (step.notOffered || (plan && !left)) return html`<p>${p.planMethodNotRunning}</p>`;
  if (!plan || !left || !view.practice || !view.policy) return html`<p role="status">${p.planLoading}</p>`;
  if (view.modes.length === 0) return html`<p>${p.planMethodNotRunning}</p>`;
  const labels: Record<PayMode, string> = { bank: p.planModeBank, card: p.planModeCard, manual: p.planModeManual };
  return html`
    <form part="form" method="post" novalidate @submit=${step.onReview} aria-labelledby="plan-heading">
      <p class="intro">${p.planMethodIntro(money(left.balanceCents, locale), left.installmentCount)}</p>
      ${plan.paymentMethod ? html`<p>${p.planMethodNow(describeMethod(plan.paymentMethod, t, undefined, 'inSentence'))}</p>` : nothing}
      ${step.summary(errors)}
      ${radioGroup(view, errors, { slot: 'mode', legend: p.planMethodLegend, choices: view.modes, chosen: view.values.mode, label: (mode) => labels[mode], onChange: view.chooseMode })}
      ${renderMethod(view, errors)}
      <div class="actions">
        <button type="submit" part="review-button" aria-disabled=${step.preparing ? 'true' : 'false'}>
          ${step.preparing ? html`<span class="spinner" aria-hidden="true"></span>${p.planPreparing}` : p.planMethodReviewButton}
        </button>
      </div>
    </form>
  `;
}
