/**
 * The "Take a payment" dialog's templates, pure: the amount, the telephone authorization script
 * with its checkbox, and the receipt (shown, and printed as a document of its own).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Payment } from '@billpay/sdk';
import type { AccountDetail } from '@billpay/sdk/admin';
import { describedBy, fieldError, money, type Locale } from '@billpay/elements/parts.js';
import type { PhoneWords } from '../i18n/phone.js';
import { formatMoment, type AmountChoice } from './phone-model.js';

export interface AmountView {
  readonly t: PhoneWords;
  readonly locale: Locale;
  readonly balanceCents: number;
  readonly choice: AmountChoice;
  readonly typed: string;
  readonly error: string | undefined;
  readonly choose: (choice: AmountChoice) => void;
  readonly type: (typed: string) => void;
}

/** The whole balance, or another amount in dollars. */
export function amountFields(v: AmountView): TemplateResult {
  const { t } = v;
  const whole = money(v.balanceCents, v.locale);
  const invalid = v.error !== undefined;
  const radio = (value: AmountChoice, label: string) => html`<label class="choice">
    <input type="radio" name="amount-choice" .value=${value} .checked=${v.choice === value} @change=${() => v.choose(value)} />
    <span>${label}</span>
  </label>`;
  return html`<fieldset class="choices ${invalid && v.choice === 'whole' ? 'invalid' : ''}">
    <legend>${t.amountLegend}</legend>
    ${radio('whole', t.wholeBalance(whole))} ${radio('other', t.otherAmount)}
    ${v.choice === 'other'
      ? html`<div class="field nested ${invalid ? 'invalid' : ''}">
          <label for="amount">${t.otherAmountLabel}</label>
          <span id="amount-hint" class="hint">${t.otherAmountHint(whole)}</span>
          ${fieldError('amount', t.errorPrefix, v.error)}
          <div class="money-input">
            <span aria-hidden="true">$</span>
            <input id="amount" name="amount" inputmode="decimal" autocomplete="off" maxlength="12" .value=${v.typed}
              aria-describedby=${describedBy('amount-hint', 'amount', invalid)} aria-invalid=${invalid ? 'true' : 'false'}
              @input=${(e: InputEvent) => v.type((e.target as HTMLInputElement).value)} />
          </div>
        </div>`
      : v.error
        ? fieldError('amount', t.errorPrefix, v.error)
        : nothing}
  </fieldset>`;
}

export interface ScriptView {
  readonly t: PhoneWords;
  readonly language: Locale;
  /** The words to read, once the amount and the account are known. */
  readonly script: string | undefined;
  readonly agreed: boolean;
  readonly error: string | undefined;
  readonly chooseLanguage: (language: Locale) => void;
  readonly agree: (agreed: boolean) => void;
}

/** Nacha's telephone authorization: the exact words to read, and the box ticked once the patient agrees. */
export function scriptSection(v: ScriptView): TemplateResult {
  const { t } = v;
  const invalid = v.error !== undefined;
  return html`<section class="script" aria-labelledby="script-title">
    <h3 id="script-title">${t.scriptTitle}</h3>
    <p class="hint">${t.scriptIntro}</p>
    <div class="field">
      <label for="script-language">${t.scriptLanguage}</label>
      <select id="script-language" @change=${(e: Event) => v.chooseLanguage((e.target as HTMLSelectElement).value as Locale)}>
        <option value="en" lang="en" ?selected=${v.language === 'en'}>English</option>
        <option value="es" lang="es" ?selected=${v.language === 'es'}>Español</option>
      </select>
    </div>
    ${v.script
      ? html`<blockquote id="script-text" class="script-text" lang=${v.language}>${v.script}</blockquote>
          <div class="field ${invalid ? 'invalid' : ''}">
            ${fieldError('script', t.errorPrefix, v.error)}
            <label class="choice">
              <input id="script-agreed" type="checkbox" .checked=${v.agreed} aria-describedby=${describedBy('script-text', 'script', invalid)}
                aria-invalid=${invalid ? 'true' : 'false'} @change=${(e: Event) => v.agree((e.target as HTMLInputElement).checked)} />
              <span>${t.scriptAgreed}</span>
            </label>
          </div>`
      : html`<p class="muted" id="script-text">${t.scriptWaiting}</p>${fieldError('script', t.errorPrefix, v.error)}`}
  </section>`;
}

export interface ReceiptFacts {
  readonly t: PhoneWords;
  readonly locale: Locale;
  readonly payment: Payment;
  readonly detail: AccountDetail;
  readonly method: string;
  readonly staffEmail: string;
  /** When the patient agreed to a bank debit's telephone authorization. */
  readonly authorizedAt: string | undefined;
}

/** The receipt's facts, as shown in the dialog and printed. */
export function receiptList(r: ReceiptFacts): TemplateResult {
  const { t, payment: p, locale } = r;
  const fact = (label: string, value: string, className = '') => html`<dt>${label}</dt><dd class=${className}>${value}</dd>`;
  return html`<dl class="facts">
    ${fact(t.receiptConfirmation, p.confirmationNumber, 'confirmation')}
    ${fact(t.receiptAmount, money(p.amountCents, locale))}
    ${fact(t.receiptMethod, r.method)}
    ${fact(t.receiptWhen, formatMoment(p.createdAt, locale))}
    ${fact(t.receiptStatus, t.receiptStatusWords[p.status] ?? p.status)}
    ${fact(t.receiptPatient, `${r.detail.profile.firstName} ${r.detail.profile.lastName}`)}
    ${fact(t.receiptAccount, r.detail.profile.accountNumber)}
    ${fact(t.receiptBalance, money(p.remainingBalanceCents, locale))}
    ${fact(t.receiptTakenBy, r.staffEmail)}
    ${r.authorizedAt ? fact(t.receiptAuthorization, formatMoment(r.authorizedAt, locale)) : nothing}
  </dl>`;
}
