/**
 * `<pay-form>`'s form and messages, as template parts drawn in its shadow root with its styles:
 * the amount, the way to pay (card, bank account, wallet), the error summary's lines and each
 * problem's words.
 */
import type { Account, BankAccountType, Practice, Wallet } from '@billpay/sdk';
import { MIN_PAYMENT_CENTS } from '@billpay/sdk/core';
import { html, nothing, type TemplateResult } from 'lit';
import { describedBy as fieldDescribedBy, fieldError } from '../form/field.js';
import type { SummaryContent } from '../form/form-issues.js';
import { formatDate, formatMoment, money } from '../i18n/format.js';
import type { Locale } from '../i18n/locales.js';
import { payWords } from '../i18n/pay.js';
import type { CaptureSlot, CaptureValues, CardCapture } from '../payment-method/capture.js';
import type { CardFields } from '../payment-method/card-fields.js';
import { plainField, renderBankFields, renderDirectCard as directCardFields, type FieldOptions } from '../payment-method/payment-method-fields.js';
import { INPUT_OF, planPayment, type Failure, type Issue, type Method, type Slot, type Values } from './pay-model.js';

/** What the fields show and where what the patient does goes: the element's state and handlers. */
export interface PayFormView {
  readonly locale: Locale;
  readonly values: Values;
  readonly errors: Partial<Record<Slot, Issue>>;
  readonly practice: Practice | undefined;
  readonly offered: ReadonlySet<Method>;
  readonly wallet: Wallet | undefined;
  readonly cardCapture: CardCapture;
  /** The processor's card fields for the practice. */
  readonly cardFields: CardFields;
  readonly onInput: (field: keyof Values, slot: Slot) => (event: InputEvent) => void;
  readonly onBlur: (slot: Slot) => (event: FocusEvent) => void;
  readonly onAmountBlur: () => void;
  readonly chooseAmount: (event: Event) => void;
  readonly chooseMethod: (event: Event) => void;
  readonly setBankType: (type: BankAccountType) => void;
}

/** What the form step draws besides the view: its heading's level, the error summary, Review. */
export interface PayFormStep {
  readonly level: string;
  readonly preparing: boolean;
  readonly summary: TemplateResult | typeof nothing;
  readonly onSubmit: (event: SubmitEvent) => Promise<void>;
}

/** The form step: the amount and the way to pay, or why there is nothing to pay here. */
export function payForm(view: PayFormView, practice: Practice, account: Account, step: PayFormStep): TemplateResult {
  const { locale } = view;
  const t = payWords(locale);
  const heading = html`<div id="pay-heading" class="heading" part="heading" role="heading" aria-level=${step.level} tabindex="-1">${t.payTitle}</div>`;
  if (!practice.payments) return html`${heading}<p>${t.payUnavailable}</p>`;
  if (account.balanceCents <= 0) return html`${heading}<p>${t.payNothingDue}</p>`;
  if (account.balanceCents < MIN_PAYMENT_CENTS) return html`${heading}<p>${t.payBelowMinimum(money(MIN_PAYMENT_CENTS, locale))}</p>`;
  return html`
    <form part="form" method="post" novalidate @submit=${step.onSubmit} aria-labelledby="pay-heading">
      ${heading} ${step.summary} ${renderAmount(view, account)} ${renderMethods(view)}
      <div class="actions">
        <button type="submit" part="review-button" aria-disabled=${step.preparing ? 'true' : 'false'}>
          ${step.preparing ? html`<span class="spinner" aria-hidden="true"></span>${t.preparingReview}` : t.reviewPayment}
        </button>
      </div>
    </form>
  `;
}

/** The error summary: why a payment did not go through, then each field's problem, in page order (the card's frame last). */
export function paySummary(view: PayFormView, failure: Failure | undefined): SummaryContent {
  const t = payWords(view.locale);
  const { errors } = view;
  const slots = (Object.keys(INPUT_OF) as Slot[]).filter((slot) => errors[slot] && slot !== 'card');
  if (errors.card) slots.push('card');
  return {
    title: failure?.kind === 'declined' ? t.declinedTitle : t.errorSummaryTitle,
    failures: [failure && failureMessage(view, failure), failure?.kind === 'declined' && failure.cardCleared ? t.cardCleared : undefined],
    lines: slots.map((slot) => ({ inputId: INPUT_OF[slot], text: issueText(view, errors[slot]!) })),
  };
}

export function failureMessage(view: PayFormView, failure: Failure): string {
  const { locale } = view;
  const t = payWords(locale);
  switch (failure.kind) {
    case 'declined':
      return t.declined[failure.code];
    case 'amount':
      return t.amountNotAllowed(money(failure.minimumCents, locale), money(failure.maximumCents, locale));
    case 'wallet':
      return t.walletFailed(t.methodWallet[failure.wallet]);
    case 'network':
      return t.payNetwork;
    case 'paused':
      return t.payPaused(formatMoment(failure.until, locale), view.practice?.contact.phone ?? '');
    case 'in_progress':
      return t.payInProgress;
    case 'refunded':
      return t.payRefunded;
    case 'other':
      return t.payOther;
  }
}

export function issueText(view: PayFormView, issue: Issue): string {
  const { locale } = view;
  const t = payWords(locale);
  if (issue.code === 'amount.too_small') return t.amountTooSmall(money(issue.limitCents, locale));
  if (issue.code === 'amount.too_large') return t.amountTooLarge(money(issue.limitCents, locale));
  return t.payIssues[issue.code];
}

export function renderError(view: PayFormView, slot: Slot) {
  const issue = view.errors[slot];
  return fieldError(slot, payWords(view.locale).errorPrefix, issue && issueText(view, issue));
}

export function describedBy(view: PayFormView, hint: string | undefined, slot: Slot): string {
  return fieldDescribedBy(hint, slot, Boolean(view.errors[slot]));
}

export function renderAmount(view: PayFormView, account: Account) {
  const { locale } = view;
  const t = payWords(locale);
  const balance = account.balanceCents;
  // A statement is its own choice only when it differs from paying the whole balance.
  const open = account.statements.filter((s) => s.openCents > 0 && s.openCents < balance);
  const radio = (value: string, label: string) => html`
    <label class="choice">
      <input type="radio" name="amount" .value=${value} .checked=${view.values.amountChoice === value} @change=${view.chooseAmount} />
      <span>${label}</span>
    </label>
  `;
  const other = view.values.amountChoice === 'other';
  const plan = planPayment(account);
  return html`
    <fieldset class="choices ${view.errors.amount ? 'invalid' : ''}">
      <legend>${t.amountLegend}</legend>
      ${plan
        ? radio('plan', plan.dueOn ? t.amountPlanNext(formatDate(plan.dueOn, locale), money(plan.cents, locale)) : t.amountPlanBehind(money(plan.cents, locale)))
        : nothing}
      ${radio('balance', t.amountBalance(money(balance, locale)))}
      ${open.map((s) => radio(`statement:${s.id}`, t.amountStatement(formatDate(s.statementDate, locale), money(s.openCents, locale))))}
      ${radio('other', t.amountOther)}
      ${other
        ? html`<div class="field nested">
            <label for="amount-other">${t.amountOtherLabel}</label>
            <span id="amount-hint" class="hint">${t.amountOtherHint(money(MIN_PAYMENT_CENTS, locale), money(balance, locale))}</span>
            ${renderError(view, 'amount')}
            <div class="money-input">
              <span aria-hidden="true">$</span>
              <input
                id="amount-other"
                part="input"
                name="amount"
                inputmode="decimal"
                autocomplete="off"
                .value=${view.values.otherAmount}
                aria-describedby=${describedBy(view, 'amount-hint', 'amount')}
                aria-invalid=${view.errors.amount ? 'true' : 'false'}
                @input=${view.onInput('otherAmount', 'amount')}
                @blur=${view.onAmountBlur}
              />
            </div>
          </div>`
        : nothing}
    </fieldset>
  `;
}

export function renderMethods(view: PayFormView) {
  const t = payWords(view.locale);
  const offered = view.offered;
  const radio = (value: Method, label: string) => html`
    <label class="choice">
      <input type="radio" name="method" .value=${value} .checked=${view.values.method === value} @change=${view.chooseMethod} />
      <span>${label}</span>
    </label>
  `;
  return html`
    <fieldset class="choices">
      <legend>${t.methodLegend}</legend>
      ${offered.has('card') ? radio('card', t.methodCard) : nothing} ${offered.has('bank') ? radio('bank', t.methodBank) : nothing}
      ${offered.has('wallet') && view.wallet ? radio('wallet', t.methodWallet[view.wallet]) : nothing}
    </fieldset>
    ${view.values.method === 'card' ? (view.cardCapture === 'direct' ? renderDirectCard(view) : view.cardFields.render(view.practice, view.locale, t, renderError(view, 'card'))) : nothing}
    ${view.values.method === 'bank' ? renderBank(view) : nothing}
    ${view.values.method === 'wallet' ? html`<p class="hint">${t.walletHint}</p>` : nothing}
  `;
}

function textField(view: PayFormView, options: FieldOptions<Slot, keyof Values>) {
  const { slot, field } = options;
  const issue = view.errors[slot];
  const error = issue && issueText(view, issue);
  return plainField(options, { value: view.values[field], error, errorPrefix: payWords(view.locale).errorPrefix, onInput: view.onInput(field, slot), onBlur: view.onBlur(slot) });
}

function renderDirectCard(view: PayFormView) {
  return directCardFields(payWords(view.locale), view.values, (options: FieldOptions<CaptureSlot, keyof CaptureValues>) => textField(view, options));
}

function renderBank(view: PayFormView) {
  return renderBankFields(payWords(view.locale), view.values, (options: FieldOptions<CaptureSlot, keyof CaptureValues>) => textField(view, options), view.setBankType);
}
