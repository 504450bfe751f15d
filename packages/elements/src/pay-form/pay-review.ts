/**
 * `<pay-form>`'s review, a template part drawn in its shadow root with its styles: exactly what will
 * be charged, and for a bank account the debit authorization the patient accepts.
 */
import type { Account, Practice } from '@billpay/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { formatDate, money } from '../i18n/format.js';
import { payWords } from '../i18n/pay.js';
import { describeMethod } from '../payment-method/capture.js';
import { renderAppliedTo } from './applied-to.js';
import { describedBy, renderError, type PayFormView } from './pay-form-parts.js';
import type { Review } from './pay-model.js';

export interface PayReviewOptions {
  readonly review: Review;
  readonly practice: Practice;
  readonly account: Account | undefined;
  readonly view: PayFormView;
  readonly level: string;
  readonly summary: TemplateResult | typeof nothing;
  readonly authorizationText: string;
  readonly paying: boolean;
  readonly accepted: boolean;
  readonly onPay: () => Promise<void>;
  readonly onChange: () => Promise<void>;
  readonly onAccept: (event: Event) => void;
  readonly onPrint: (event: Event) => void;
}

export function payReview(options: PayReviewOptions): TemplateResult {
  const { review, practice, account, paying } = options;
  const { locale } = options.view;
  const t = payWords(locale);
  return html`
      <section class="review" part="review" aria-labelledby="review-heading">
        <div id="review-heading" class="heading" part="heading" role="heading" aria-level=${options.level} tabindex="-1">${t.reviewTitle}</div>
        <p class="muted">${t.reviewIntro}</p>
        ${options.summary}
        <dl class="facts">
          <dt>${t.reviewAmount}</dt>
          <dd class="amount">${money(review.amountCents, locale)}</dd>
          <dt>${t.reviewAppliedTo}</dt>
          <dd>${account ? renderAppliedTo(account, review.amountCents, review.statementId, locale) : t.wholeBalance}</dd>
          <dt>${t.reviewMethod}</dt>
          <dd>${describeMethod(review.method, t, review.bank?.type)}</dd>
          <dt>${t.reviewDate}</dt>
          <dd>${formatDate(review.date, locale)}</dd>
          <dt>${t.reviewPayee}</dt>
          <dd>${practice.name}</dd>
        </dl>
        ${review.bank ? authorization(options) : nothing}
        <div class="actions">
          <button type="button" part="pay-button" aria-disabled=${paying ? 'true' : 'false'} @click=${options.onPay}>
            ${paying ? html`<span class="spinner" aria-hidden="true"></span>${t.paying}` : t.payAmount(money(review.amountCents, locale))}
          </button>
          <button type="button" class="secondary" part="change-button" ?hidden=${paying} @click=${options.onChange}>${t.changePayment}</button>
        </div>
      </section>
    `;
}

function authorization({ view, accepted, authorizationText, onAccept, onPrint }: PayReviewOptions): TemplateResult {
  const t = payWords(view.locale);
  return html`
      <section class="authorization" part="authorization" aria-labelledby="authorization-title">
        <p id="authorization-title" class="subheading">${t.authorizationTitle}</p>
        <p id="authorization-text">${authorizationText}</p>
        <div class="field ${view.errors.authorization ? 'invalid' : ''}">
          ${renderError(view, 'authorization')}
          <label class="choice">
            <input
              id="authorization-accept"
              type="checkbox"
              .checked=${accepted}
              aria-describedby=${describedBy(view, 'authorization-text', 'authorization')}
              aria-invalid=${view.errors.authorization ? 'true' : 'false'}
              @change=${onAccept}
            />
            <span>${t.authorizationAccept}</span>
          </label>
        </div>
        <button type="button" class="link" @click=${onPrint}>${t.printAuthorization}</button>
      </section>
    `;
}
