import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Payment } from '@billpay/sdk';
import type { AccountDetail } from '@billpay/sdk/admin';
import { getAccountNotices, type AccountNotice } from '@billpay/sdk/admin-desk';
import { checkReceiptEmail, emailReceipt, MAX_RECEIPT_EMAIL_LENGTH } from '@billpay/sdk/admin-phone';
import { textField } from '@billpay/elements/parts.js';
import { flowStyles } from '@billpay/elements/payment-parts.js';
import { ConsolePage } from '../app/console-page.js';
import { dialogStyles } from '../app/dialog-styles.js';
import { problemWords } from '../app/problems.js';
import { phoneWords, type PhoneWords } from '../i18n/phone.js';
import { refusalOf } from './phone-model.js';

/** A payment's receipt can be emailed once it went through: a card payment taken, a bank debit settled. */
const EMAILABLE = new Set(['succeeded', 'settled']);

/** Tells the account page a notice was queued for the account, so its notices list shows it. */
export type NoticeQueuedEvent = CustomEvent<{ readonly notice: AccountNotice }>;

/**
 * The receipt by email, on the done step of "Take a payment": where the receipt the payment
 * queued went (its address masked by the server, as the notices list shows it), or that the
 * account has no email address; and "Email the receipt", again or for the first time, to the
 * account's address or one the patient gives on the phone, once per Idempotency-Key made for the
 * attempt. What was queued is said in a polite status inside the dialog.
 *
 * @event console-notice-queued - A receipt was queued (`detail.notice`); the account's notices should show it.
 */
@customElement('console-receipt-email')
export class ConsoleReceiptEmail extends ConsolePage {
  static override styles = [
    dialogStyles,
    flowStyles,
    css`
      h3 {
        margin-top: var(--_space);
      }
      .done:empty {
        display: none;
      }
      form.panel {
        margin-top: 0;
      }
      section {
        margin-bottom: var(--_space);
      }
      input[type='email'] {
        width: 100%;
      }
    `,
  ];

  @property({ attribute: false }) detail: AccountDetail | undefined;
  @property({ attribute: false }) payment: Payment | undefined;
  /** The receipt the payment itself queued: undefined while it is read, null when there is none. */
  @state() private automatic: AccountNotice | null | undefined;
  @state() private open = false;
  @state() private choice: 'account' | 'other' = 'account';
  @state() private typed = '';
  @state() private error: string | undefined;
  @state() private problem = '';
  @state() private busy = false;
  @state() private said = '';
  #read = '';
  /** The attempt's Idempotency-Key, kept across a retry after a network failure; a new one once the address changes. */
  #key: string | undefined;

  get words(): PhoneWords {
    return phoneWords(this.locale);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const payment = this.payment;
    if (!payment || !this.detail || payment.id === this.#read) return;
    this.#read = payment.id;
    Object.assign(this, { automatic: undefined, open: false, choice: 'account', typed: '', error: undefined, problem: '', busy: false, said: '' });
    this.#key = undefined;
    void this.readAutomatic(this.detail.id, payment.id);
  }

  /** The receipt the payment queued to the account's address, from the account's notices (the oldest for it). */
  private async readAutomatic(accountId: string, paymentId: string) {
    try {
      const { notices } = await this.desk.run((c) => getAccountNotices(c, accountId));
      if (paymentId !== this.#read) return;
      this.automatic = notices.filter((n) => n.kind === 'payment_receipt' && n.paymentId === paymentId).at(-1) ?? null;
    } catch {
      if (paymentId === this.#read) this.automatic = null;
    }
  }

  override render() {
    const payment = this.payment;
    const detail = this.detail;
    if (!payment || !detail) return nothing;
    const t = this.words;
    const hasEmail = Boolean(detail.profile.email);
    const went = !EMAILABLE.has(payment.status)
      ? hasEmail ? t.receiptWhenSettled : t.receiptNoEmailBank
      : this.automatic ? t.receiptOnItsWay(this.automatic.to) : this.automatic === null && !hasEmail ? t.receiptNoEmail : '';
    return html`<section aria-labelledby="receipt-email-title">
      <h3 id="receipt-email-title">${t.receiptEmailTitle}</h3>
      ${went ? html`<p id="receipt-went">${went}</p>` : nothing}
      <p class="done" role="status">${this.said}</p>
      ${EMAILABLE.has(payment.status)
        ? html`<p>
              <button id="email-toggle" type="button" class="secondary" aria-expanded=${this.open ? 'true' : 'false'} aria-controls="receipt-email-form" @click=${this.toggle}>
                ${t.emailReceipt}
              </button>
            </p>
            ${this.open ? this.form() : nothing}`
        : nothing}
    </section>`;
  }

  private form() {
    const t = this.words;
    const radio = (value: 'account' | 'other', label: string) => html`<label class="choice">
      <input type="radio" name="receipt-to" .value=${value} .checked=${this.choice === value} @change=${() => this.choose(value)} />
      <span>${label}</span>
    </label>`;
    const field = textField({
      id: 'receipt-email',
      slot: 'receipt-email',
      label: t.emailLabel,
      hint: t.emailHint,
      value: this.typed,
      error: this.error,
      errorPrefix: t.errorPrefix,
      autocomplete: 'off',
      type: 'email',
      maxlength: MAX_RECEIPT_EMAIL_LENGTH,
      noSpellcheck: true,
      onInput: this.type,
    });
    return html`<form id="receipt-email-form" class="panel" novalidate @submit=${this.send}>
      ${this.automatic
        ? html`<fieldset class="choices">
            <legend>${t.emailLegend}</legend>
            ${radio('account', t.emailToAccount(this.automatic.to))} ${radio('other', t.emailToOther)}
            ${this.choice === 'other' ? html`<div class="nested">${field}</div>` : nothing}
          </fieldset>`
        : field}
      <p class="problem" role="alert" tabindex="-1">${this.problem}</p>
      <div class="actions">
        <button type="submit" ?disabled=${this.busy}>${this.busy ? t.sendingReceipt : t.sendReceipt}</button>
        <button type="button" class="secondary" ?disabled=${this.busy} @click=${this.cancel}>${t.cancel}</button>
      </div>
    </form>`;
  }

  /** Whether the address is typed (no receipt went to the account's address, or staff chose another). */
  private get typing(): boolean {
    return !this.automatic || this.choice === 'other';
  }

  private toggle = () => {
    this.open = !this.open;
    this.problem = '';
    this.error = undefined;
    if (this.open) this.focusOn(this.typing ? '#receipt-email' : 'input[name="receipt-to"]:checked');
  };

  private cancel = () => {
    this.open = false;
    this.focusOn('#email-toggle');
  };

  private choose(choice: 'account' | 'other') {
    this.choice = choice;
    this.error = undefined;
    this.#key = undefined;
  }

  private type = (event: InputEvent) => {
    this.typed = (event.target as HTMLInputElement).value;
    this.#key = undefined;
    if (this.error && checkReceiptEmail(this.typed).ok) this.error = undefined;
  };

  private send = async (event: SubmitEvent) => {
    event.preventDefault();
    const t = this.words;
    const detail = this.detail!;
    const payment = this.payment!;
    let email: string | undefined;
    if (this.typing) {
      const checked = checkReceiptEmail(this.typed);
      if (!checked.ok) {
        this.error = checked.issue === 'missing' ? t.emailMissing : t.emailInvalid;
        this.focusOn('#receipt-email');
        return;
      }
      email = checked.email;
    }
    this.error = undefined;
    this.problem = '';
    this.said = '';
    this.busy = true;
    if (!this.#key) this.#key = `console-receipt-${crypto.randomUUID()}`;
    const key = this.#key;
    try {
      const notice = await this.desk.run((c) => emailReceipt(c, detail.id, payment.id, email === undefined ? {} : { email }, { idempotencyKey: key }));
      this.#key = undefined;
      this.open = false;
      this.typed = '';
      this.said = t.receiptQueued(notice.to);
      this.dispatchEvent(new CustomEvent('console-notice-queued', { bubbles: true, composed: true, detail: { notice } }) satisfies NoticeQueuedEvent);
      this.focusOn('#email-toggle');
    } catch (error) {
      // The key stays: after a network failure the next press is the same request again (a refusal queued nothing under it).
      const code = refusalOf(error)?.code ?? '';
      if (code === 'invalid_request' && this.typing) {
        this.error = t.emailInvalid;
        this.focusOn('#receipt-email');
      } else {
        this.problem = t.receiptProblems[code] ?? problemWords(error, t);
        this.focusOn('.problem');
      }
    } finally {
      this.busy = false;
    }
  };

  private focusOn(selector: string) {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-receipt-email': ConsoleReceiptEmail;
  }
  interface GlobalEventHandlersEventMap {
    'console-notice-queued': NoticeQueuedEvent;
  }
}
