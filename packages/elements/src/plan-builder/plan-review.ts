/**
 * `<plan-builder>`'s review, a template part drawn in its shadow root with its styles: the plan
 * exactly as it will be set up, its schedule, and for automatic payments the recurring-payment
 * authorization the patient accepts.
 */
import type { Practice } from '@billpay/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { money, withPhone } from '../i18n/format.js';
import { wordsOf, type Locale } from '../i18n/locales.js';
import { payWords } from '../i18n/pay.js';
import { planBook } from '../i18n/plans.js';
import { describeMethod } from '../payment-method/capture.js';
import { describedBy } from './plan-form.js';
import type { Issues, Review } from './plan-model.js';
import { scheduleElement } from './plan-schedule.js';
import { termsSentence } from './plan-words.js';

export interface PlanReviewOptions {
  readonly review: Review;
  readonly practice: Practice;
  readonly errors: Issues;
  readonly locale: Locale;
  readonly heading: TemplateResult;
  readonly summary: TemplateResult | typeof nothing;
  /** The authorization's words and the authorization's inline error (automatic payments). */
  readonly authorizationText: string;
  readonly authorizationError: TemplateResult | typeof nothing;
  readonly submitting: boolean;
  readonly accepted: boolean;
  readonly onSubmit: () => Promise<void>;
  readonly onChange: () => Promise<void>;
  readonly onAccept: (event: Event) => void;
  readonly onPrint: (event: Event) => void;
  /** The review of a new payment method for the payments a plan has left (`mode="change-method"`). */
  readonly changingMethod?: boolean | undefined;
}

export function planReview(options: PlanReviewOptions): TemplateResult {
  const { review, practice, locale, submitting } = options;
  const t = payWords(locale);
  const p = wordsOf(planBook, locale);
  const schedule = review.schedule;
  const captured = review.captured;
  const change = options.changingMethod === true;
  return html`
      <section class="review" part="review" aria-labelledby="plan-review-heading">
        ${options.heading}
        <p class="muted">${change ? p.planMethodReviewIntro : p.planReviewIntro}</p>
        ${options.summary}
        <dl class="facts">
          <dt>${change ? p.planMethodLeft : p.planReviewBalance}</dt>
          <dd class="amount">${money(schedule.balanceCents, locale)}</dd>
          <dt>${p.planReviewTerms}</dt>
          <dd>${termsSentence(schedule, locale)}</dd>
          <dt>${p.planReviewHow}</dt>
          <dd>${captured ? p.planReviewAutomatic(describeMethod(captured.method, t, captured.bank?.type, 'inSentence')) : p.planReviewManual}</dd>
          <dt>${p.planReviewPayee}</dt>
          <dd>${practice.name}</dd>
        </dl>
        ${scheduleElement(schedule.payments.map((p) => ({ ...p, status: undefined })), schedule.balanceCents, 'review-caption', locale)}
        ${captured ? authorization(options) : html`<p class="note">${p.planManualNote}</p>`}
        <div class="actions">
          <button type="button" part="submit-button" aria-disabled=${submitting ? 'true' : 'false'} @click=${options.onSubmit}>
            ${submitting ? html`<span class="spinner" aria-hidden="true"></span>${change ? p.planMethodSubmitting : p.planSubmitting}` : change ? p.planMethodSubmit : p.planSubmit}
          </button>
          <button type="button" class="secondary" part="change-button" ?hidden=${submitting} @click=${options.onChange}>${change ? p.planMethodChange : p.planChange}</button>
        </div>
      </section>
    `;
}

function authorization({ review, practice, errors, locale, accepted, authorizationText, authorizationError, onAccept, onPrint }: PlanReviewOptions): TemplateResult {
  const t = payWords(locale);
  const p = wordsOf(planBook, locale);
  return html`
      <section class="authorization" part="authorization" aria-labelledby="authorization-title">
        <p id="authorization-title" class="subheading">${review.mode === 'bank' ? p.planAuthorizationBankTitle : p.planAuthorizationCardTitle}</p>
        <p id="authorization-text">${withPhone(authorizationText, practice.contact.phone)}</p>
        <div class="field ${errors.authorization ? 'invalid' : ''}">
          ${authorizationError}
          <label class="choice">
            <input
              id="authorization-accept"
              type="checkbox"
              .checked=${accepted}
              aria-describedby=${describedBy('authorization-text', 'authorization', errors)}
              aria-invalid=${errors.authorization ? 'true' : 'false'}
              @change=${onAccept}
            />
            <span>${p.planAuthorizationAccept}</span>
          </label>
        </div>
        <button type="button" class="link" @click=${onPrint}>${t.printAuthorization}</button>
      </section>
    `;
}
