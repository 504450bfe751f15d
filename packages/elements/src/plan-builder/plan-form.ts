/**
 * The plan form's fields, as template parts drawn in `<plan-builder>`'s shadow root with its styles:
 * the down payment, how often, how many or how much, the first date, the schedule as it changes,
 * how each payment is made and the bank account or card for automatic payments.
 */
import type { BankAccountType, PlanOptions, PlanPolicy, Practice } from '@billpay/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { dateParts } from '../form/date-parts.js';
import { describedBy as fieldDescribedBy, fieldError } from '../form/field.js';
import { formatDate, money } from '../i18n/format.js';
import { wordsOf, type Locale } from '../i18n/locales.js';
import { payWords } from '../i18n/pay.js';
import { planBook } from '../i18n/plans.js';
import type { CaptureSlot, CaptureValues, CardCapture } from '../payment-method/capture.js';
import type { CardFields } from '../payment-method/card-fields.js';
import { plainField, renderBankFields, renderDirectCard, type FieldOptions } from '../payment-method/payment-method-fields.js';
import type { LoadState } from './plan-load.js';
import type { Evaluation, Issue, Issues, PayMode, Slot, TextField, Values } from './plan-model.js';
import { scheduleElement } from './plan-schedule.js';
import { issueText as planIssueText, scheduleSentence as planScheduleSentence } from './plan-words.js';

/** What the fields show and where what the patient does goes: the element's state and handlers. */
export interface PlanFormView {
  readonly locale: Locale;
  readonly values: Values;
  readonly policy: PlanPolicy | undefined;
  readonly modes: readonly PayMode[];
  readonly practice: Practice | undefined;
  readonly cardCapture: CardCapture;
  /** The processor's card fields for the practice. */
  readonly cardFields: CardFields;
  readonly onInput: (field: TextField, slot: Slot) => (event: InputEvent) => void;
  readonly onBlur: (slot: Slot) => (event: FocusEvent) => void;
  readonly onDateInput: (part: 0 | 1 | 2, value: string) => void;
  readonly chooseFrequency: (event: Event) => void;
  readonly chooseMode: (event: Event) => void;
  readonly setBankType: (type: BankAccountType) => void;
}

/** What the form step draws besides the view: loading, the plan options, the problems, Review plan. */
export interface PlanFormStep {
  readonly options: PlanOptions | undefined;
  readonly loadState: LoadState;
  /** A review is held (the options may say no new plan can be made: this one is being made). */
  readonly reviewed: boolean;
  readonly evaluation: Evaluation;
  readonly errors: Issues;
  readonly summary: (errors: Issues) => TemplateResult | typeof nothing;
  readonly preparing: boolean;
  /** The schedule sentence last announced. */
  readonly announced: string;
  readonly onReview: (event: SubmitEvent) => Promise<void>;
  readonly onRetry: () => void;
}

/** Under the form's heading: loading, why there is no plan to make, or the form. */
export function planStart(view: PlanFormView, step: PlanFormStep): TemplateResult {
  const { locale } = view;
  const t = payWords(locale);
  const p = wordsOf(planBook, locale);
  const { options } = step;
  if (step.loadState === 'not_offered') return html`<p>${p.planNotOffered}</p>`;
  if (!options || !view.practice) {
    if (step.loadState === 'failed') {
      return html`<div class="problem" role="alert"><p>${p.planLoadFailed}</p></div>
        <button type="button" class="secondary" @click=${step.onRetry}>${t.tryAgain}</button>`;
    }
    return html`<p role="status">${p.planLoading}</p>`;
  }
  if (!options.eligible && !step.reviewed) {
    return html`<p>${options.planId ? p.planAlreadyExists : p.planTooSmall(money(options.ineligible?.limit ?? options.policy.minBalanceCents, locale))}</p>`;
  }
  const { evaluation, errors } = step;
  return html`
    <form part="form" method="post" novalidate @submit=${step.onReview} aria-labelledby="plan-heading">
      <p class="intro">${p.planIntro(money(options.balanceCents, locale))}</p>
      ${step.summary(errors)} ${renderDown(view, options, errors)}
      ${renderFrequency(view, options.policy, errors)} ${renderSize(view, evaluation, errors)} ${renderDate(view, evaluation, errors)}
      ${renderSchedulePreview(view, evaluation)} ${renderModes(view, options.policy, errors)} ${renderMethod(view, errors)}
      <div class="actions">
        <button type="submit" part="review-button" aria-disabled=${step.preparing ? 'true' : 'false'}>
          ${step.preparing ? html`<span class="spinner" aria-hidden="true"></span>${p.planPreparing}` : p.planReviewButton}
        </button>
      </div>
    </form>
    <p class="visually-hidden" role="status" aria-live="polite">${step.announced}</p>
  `;
}

function issueText(view: PlanFormView, issue: Issue): string {
  return planIssueText(issue, view.locale, view.values.frequency);
}

function scheduleSentence(view: PlanFormView, evaluation: Evaluation): string {
  return planScheduleSentence(evaluation, view.locale, view.values.frequency);
}

export function renderError(view: PlanFormView, slot: Slot, errors: Issues) {
  const issue = errors[slot];
  return fieldError(slot, payWords(view.locale).errorPrefix, issue && issueText(view, issue));
}

export function describedBy(hint: string | undefined, slot: Slot, errors: Issues): string {
  return fieldDescribedBy(hint, slot, Boolean(errors[slot]));
}

export function input(view: PlanFormView, options: FieldOptions<Slot, TextField> & { errors: Issues; className?: string; money?: boolean }) {
  const { slot, field, errors } = options;
  const issue = errors[slot];
  const error = issue && issueText(view, issue);
  return plainField(options, { value: view.values[field], error, errorPrefix: payWords(view.locale).errorPrefix, onInput: view.onInput(field, slot), onBlur: view.onBlur(slot) });
}

function renderDown(view: PlanFormView, options: PlanOptions, errors: Issues) {
  const policy = options.policy;
  if (policy.downPaymentCents === undefined) return nothing;
  const { locale } = view;
  const p = wordsOf(planBook, view.locale);
  const minimum = Math.max(policy.downPaymentCents, 100);
  const maximum = Math.max(minimum, options.balanceCents - policy.minInstallmentCents);
  return input(view, {
      id: 'down-payment',
      slot: 'down',
      field: 'down',
      label: p.planDownLabel,
      hint: p.planDownHint(money(minimum, locale), money(maximum, locale)),
      autocomplete: 'off',
      inputmode: 'decimal',
      maxlength: 12,
    errors,
    money: true,
  });
}

/** A group of choices (how often, how each payment is made): one radio button each, with its own hint where it needs one. */
export interface RadioGroup<Choice extends string> {
  readonly slot: 'frequency' | 'mode';
  readonly legend: string;
  /** A hint for the whole group, under its legend. */
  readonly hint?: { readonly id: string; readonly text: string } | undefined;
  readonly choices: readonly Choice[];
  readonly chosen: string;
  readonly label: (choice: Choice) => string;
  readonly choiceHint?: (choice: Choice) => { readonly id: string; readonly text: string } | undefined;
  readonly onChange: (event: Event) => void;
}

export function radioGroup<Choice extends string>(view: PlanFormView, errors: Issues, group: RadioGroup<Choice>) {
  const { slot, hint } = group;
  return html`
    <fieldset class="choices ${errors[slot] ? 'invalid' : ''}" aria-describedby=${describedBy(hint?.id, slot, errors)}>
      <legend>${group.legend}</legend>
      ${hint ? html`<span id=${hint.id} class="hint">${hint.text}</span>` : nothing} ${renderError(view, slot, errors)}
      ${group.choices.map((choice) => {
        const choiceHint = group.choiceHint?.(choice);
        return html`
          <div class="choice">
            <input
              type="radio"
              id="${slot}-${choice}"
              name=${slot}
              .value=${choice}
              .checked=${group.chosen === choice}
              aria-describedby=${choiceHint ? choiceHint.id : nothing}
              @change=${group.onChange}
            />
            <label for="${slot}-${choice}">
              ${group.label(choice)} ${choiceHint ? html`<span id=${choiceHint.id} class="hint">${choiceHint.text}</span>` : nothing}
            </label>
          </div>
        `;
      })}
    </fieldset>
  `;
}

function renderFrequency(view: PlanFormView, policy: PlanPolicy, errors: Issues) {
  const p = wordsOf(planBook, view.locale);
  return radioGroup(view, errors, {
    slot: 'frequency',
    legend: p.planFrequencyLegend,
    choices: policy.frequencies,
    chosen: view.values.frequency,
    label: (frequency) => p.planFrequency[frequency],
    choiceHint: (frequency) => (frequency === 'semimonthly' ? { id: 'semimonthly-hint', text: `(${p.planSemimonthlyHint})` } : undefined),
    onChange: view.chooseFrequency,
  });
}

function renderSize(view: PlanFormView, evaluation: Evaluation, errors: Issues) {
  const { locale } = view;
  const p = wordsOf(planBook, view.locale);
  const limits = evaluation.limits;
  const maxPayments = Math.max(1, limits?.maxPayments ?? 1);
  const minAmount = limits?.minAmountCents ?? view.policy?.minInstallmentCents ?? 100;
  return html`
    <fieldset aria-describedby="size-hint">
      <legend>${p.planSizeLegend}</legend>
      <span id="size-hint" class="hint">${p.planSizeHint}</span>
      <div class="size">
        ${input(view, {
          id: 'plan-count',
          slot: 'count',
          field: 'count',
          label: p.planCountLabel,
          hint: p.planCountHint(maxPayments),
          autocomplete: 'off',
          inputmode: 'numeric',
          maxlength: 4,
          errors,
          className: 'count-input',
        })}
        ${input(view, {
          id: 'plan-amount',
          slot: 'amount',
          field: 'amount',
          label: p.planAmountLabel,
          hint: p.planAmountHint(money(minAmount, locale), money(limits?.maxAmountCents ?? 0, locale)),
          autocomplete: 'off',
          inputmode: 'decimal',
          maxlength: 12,
          errors,
          money: true,
        })}
      </div>
    </fieldset>
  `;
}

/**
 * The first payment's date as three fields (month, day, year), as the lookup asks for a date of
 * birth: plain text inputs every screen reader and keyboard handle the same way, in the
 * widget's language whatever the browser's, with the allowed dates in the hint and a precise
 * message for each part. (A native date input follows the browser's language and format, its
 * min and max are not announced by most screen readers, and its picker is not reachable by
 * keyboard in every browser.)
 */
function renderDate(view: PlanFormView, evaluation: Evaluation, errors: Issues) {
  const { locale } = view;
  const t = payWords(locale);
  const p = wordsOf(planBook, view.locale);
  const invalid = Boolean(errors.firstDate);
  const { earliest, latest } = evaluation.window;
  return html`
    <fieldset class=${invalid ? 'invalid' : ''} aria-describedby=${describedBy('date-hint', 'firstDate', errors)}>
      <legend>${p.planFirstDateLegend}</legend>
      <span id="date-hint" class="hint">${earliest && latest ? p.planFirstDateHint(formatDate(earliest, locale), formatDate(latest, locale)) : ''}</span>
      ${renderError(view, 'firstDate', errors)}
      ${dateParts({
        prefix: 'first',
        limitLength: true,
        labels: [t.month, t.day, t.year],
        values: [view.values.month, view.values.day, view.values.year],
        invalid,
        onInput: view.onDateInput,
        onBlur: view.onBlur('firstDate'),
      })}
    </fieldset>
  `;
}

function renderSchedulePreview(view: PlanFormView, evaluation: Evaluation) {
  const p = wordsOf(planBook, view.locale);
  const schedule = evaluation.schedule;
  return html`
    <div class="preview">
      <p class="plan-summary" part="summary">${schedule ? scheduleSentence(view, evaluation) : p.planNoSchedule}</p>
      ${schedule ? scheduleElement(schedule.payments.map((p) => ({ ...p, status: undefined })), schedule.balanceCents, 'schedule-caption', view.locale) : nothing}
    </div>
  `;
}

function renderModes(view: PlanFormView, policy: PlanPolicy, errors: Issues) {
  const p = wordsOf(planBook, view.locale);
  const modes = view.modes;
  if (modes.length === 1) {
    return html`<p class="note">${policy.autopay === 'not_offered' ? p.planAutopayNotOffered : p.planModeManualHint}</p>`;
  }
  const labels: Record<PayMode, string> = { bank: p.planModeBank, card: p.planModeCard, manual: p.planModeManual };
  const requiredHint = policy.autopay === 'required_over_months' && policy.autopayRequiredOverMonths ? p.planAutopayRequiredHint(policy.autopayRequiredOverMonths) : '';
  return radioGroup(view, errors, {
    slot: 'mode',
    legend: p.planModeLegend,
    hint: requiredHint ? { id: 'mode-hint', text: requiredHint } : undefined,
    choices: modes,
    chosen: view.values.mode,
    label: (mode) => labels[mode],
    choiceHint: (mode) => (mode === 'manual' ? { id: 'manual-hint', text: p.planModeManualHint } : undefined),
    onChange: view.chooseMode,
  });
}

export function renderMethod(view: PlanFormView, errors: Issues) {
  const t = payWords(view.locale);
  const p = wordsOf(planBook, view.locale);
  const mode = view.values.mode;
  if (mode !== 'bank' && mode !== 'card') return nothing;
  const field = (options: FieldOptions<CaptureSlot, keyof CaptureValues>) => input(view, { ...options, errors });
  if (mode === 'bank') {
    return html`<fieldset>
      <legend>${p.planMethodBankLegend}</legend>
      ${renderBankFields(t, view.values, field, view.setBankType)}
    </fieldset>`;
  }
  return html`<fieldset>
    <legend>${p.planMethodCardLegend}</legend>
    ${view.cardCapture === 'direct' ? renderDirectCard(t, view.values, field) : view.cardFields.render(view.practice, view.locale, t, renderError(view, 'card', errors))}
  </fieldset>`;
}
