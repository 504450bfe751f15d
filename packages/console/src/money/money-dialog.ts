import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { addFee, refundPayment, waiveFee, type FeeView, type FeeWaiverReason, type PracticePayment, type RefundReason } from '@billpay/sdk/admin';
import { centsToDecimalString, parseMoney } from '@billpay/sdk/money';
import { describedBy, fieldError, formatDate, money } from '@billpay/elements/parts.js';
import { ConsolePage } from '../app/console-page.js';
import { dialogStyles } from '../app/dialog-styles.js';
import { ModalDialog } from '../app/modal.js';
import { problemWords } from '../app/problems.js';

/** What staff are changing: a refund of a payment, a new fee, or a waiver of a fee. */
export type MoneyChange =
  | { readonly kind: 'refund'; readonly accountId: string; readonly payment: PracticePayment }
  | { readonly kind: 'add-fee'; readonly accountId: string }
  | { readonly kind: 'waive'; readonly accountId: string; readonly fee: FeeView };

const REFUND_REASONS: readonly RefundReason[] = ['requested_by_patient', 'duplicate', 'billing_error', 'goodwill', 'other'];
const WAIVER_REASONS: readonly FeeWaiverReason[] = ['requested_by_patient', 'billing_error', 'goodwill', 'hardship', 'other'];
const FEE_KINDS = ['invoicing_fee', 'returned_payment'] as const;
const MAX_FEE_CENTS = 100_000;

type Field = 'amount' | 'reason';

/** A key for one attempt: made when staff confirm, kept if the same attempt is sent again. */
const newKey = (kind: string) => `console-${kind}-${crypto.randomUUID()}`;

/**
 * A change of money in a modal dialog, in two steps: the form (amount, reason, note), then a
 * confirmation in words of exactly what will happen. Sent once per attempt under its own
 * Idempotency-Key; what it did is announced, and the account read again.
 *
 * @event console-money-changed - The change was made; the account should be read again.
 */
@customElement('console-money-dialog')
export class ConsoleMoneyDialog extends ConsolePage {
  static override styles = dialogStyles;

  @property({ attribute: false }) change: MoneyChange | undefined;
  @state() private step: 'form' | 'confirm' = 'form';
  @state() private amount = '';
  @state() private reason = '';
  @state() private feeKind: (typeof FEE_KINDS)[number] = 'invoicing_fee';
  @state() private note = '';
  @state() private errors: Partial<Record<Field, string>> = {};
  @state() private problem = '';
  @state() private busy = false;
  readonly #modal = new ModalDialog(this);
  #key: string | undefined;

  /** Opens the dialog for `change`; focus returns to `opener` when it closes. */
  async open(change: MoneyChange, opener?: HTMLElement): Promise<void> {
    this.change = change;
    this.step = 'form';
    this.amount = change.kind === 'refund' ? centsToDecimalString(change.payment.refundableCents) : '';
    this.reason = '';
    this.note = '';
    this.errors = {};
    this.problem = '';
    this.#key = undefined;
    await this.#modal.show(opener, 'h2');
  }

  override render() {
    const change = this.change;
    if (!change) return html`<dialog aria-label="-"></dialog>`;
    return html`<dialog aria-labelledby="dialog-title" @close=${this.closed}>
      <h2 id="dialog-title" tabindex="-1">${this.titleOf(change)}</h2>
      <p class="problem" role="alert">${this.problem}</p>
      ${this.step === 'form' ? this.form(change) : this.confirmation(change)}
    </dialog>`;
  }

  private titleOf(change: MoneyChange): string {
    const t = this.t;
    if (change.kind === 'refund') return t.refundTitle(change.payment.confirmationNumber);
    return change.kind === 'add-fee' ? t.addFeeTitle : t.waiveTitle;
  }

  private form(change: MoneyChange) {
    const t = this.t;
    const amountInvalid = this.errors.amount !== undefined;
    const reasonInvalid = this.errors.reason !== undefined;
    const reasons = change.kind === 'refund' ? REFUND_REASONS.map((r) => [r, t.refundReason[r]!] as const) : WAIVER_REASONS.map((r) => [r, t.waiverReason[r]!] as const);
    return html`<form novalidate @submit=${this.review}>
      ${change.kind === 'refund' ? html`<p>${t.refundable(money(change.payment.refundableCents, this.locale))}</p>` : nothing}
      ${change.kind === 'waive'
        ? html`<p>${t.feeReason[change.fee.reason] ?? change.fee.reason}, ${formatDate(change.fee.postedOn, this.locale)}: ${money(change.fee.amountCents, this.locale)}</p>`
        : html`<div class="field ${amountInvalid ? 'invalid' : ''}">
            <label for="amount">${change.kind === 'refund' ? t.refundAmountLabel : t.feeAmountLabel}</label>
            ${fieldError('amount', t.errorPrefix, this.errors.amount)}
            <div class="money-input">
              <span aria-hidden="true">$</span>
              <input id="amount" name="amount" inputmode="decimal" autocomplete="off" maxlength="12" .value=${this.amount}
                aria-describedby=${describedBy(undefined, 'amount', amountInvalid)} aria-invalid=${amountInvalid ? 'true' : 'false'}
                @input=${(e: InputEvent) => (this.amount = (e.target as HTMLInputElement).value)} />
            </div>
          </div>`}
      ${change.kind === 'add-fee'
        ? html`<div class="field">
            <label for="fee-kind">${t.feeKindLabel}</label>
            <select id="fee-kind" @change=${(e: Event) => (this.feeKind = (e.target as HTMLSelectElement).value as (typeof FEE_KINDS)[number])}>
              ${FEE_KINDS.map((kind) => html`<option value=${kind} ?selected=${kind === this.feeKind}>${t.feeReason[kind]}</option>`)}
            </select>
          </div>`
        : html`<div class="field ${reasonInvalid ? 'invalid' : ''}">
            <label for="reason">${t.reasonLabel}</label>
            ${fieldError('reason', t.errorPrefix, this.errors.reason)}
            <select id="reason" aria-describedby=${describedBy(undefined, 'reason', reasonInvalid)} aria-invalid=${reasonInvalid ? 'true' : 'false'}
              @change=${(e: Event) => (this.reason = (e.target as HTMLSelectElement).value)}>
              <option value="" ?selected=${this.reason === ''}>${t.chooseReason}</option>
              ${reasons.map(([value, words]) => html`<option value=${value} ?selected=${value === this.reason}>${words}</option>`)}
            </select>
          </div>`}
      ${change.kind === 'refund'
        ? nothing
        : html`<div class="field">
            <label for="note">${t.noteLabel}</label>
            <span id="note-hint" class="hint">${t.noteHint}</span>
            <textarea id="note" rows="2" maxlength="500" aria-describedby="note-hint" .value=${this.note} @input=${(e: InputEvent) => (this.note = (e.target as HTMLTextAreaElement).value)}></textarea>
          </div>`}
      <div class="actions">
        <button type="submit">${t.review}</button>
        <button type="button" class="secondary" @click=${() => this.#modal.close()}>${t.cancel}</button>
      </div>
    </form>`;
  }

  /** The amount typed, in cents, or undefined when it is not an amount. */
  private cents(): number | undefined {
    const parsed = parseMoney(this.amount);
    return parsed.ok ? parsed.cents : undefined;
  }

  private async review(event: SubmitEvent) {
    event.preventDefault();
    const change = this.change!;
    const t = this.t;
    const errors: Partial<Record<Field, string>> = {};
    if (change.kind !== 'waive') {
      const cents = this.cents();
      const max = change.kind === 'refund' ? change.payment.refundableCents : MAX_FEE_CENTS;
      if (cents === undefined) errors.amount = t.amountShape;
      else if (cents < 1) errors.amount = t.amountTooLittle;
      else if (cents > max) errors.amount = t.amountTooMuch(money(max, this.locale));
    }
    if (change.kind !== 'add-fee' && !this.reason) errors.reason = t.reasonMissing;
    this.errors = errors;
    const first = (['amount', 'reason'] as const).find((name) => errors[name]);
    await this.updateComplete;
    if (first) {
      this.renderRoot.querySelector<HTMLElement>(`#${first}`)?.focus();
      return;
    }
    this.#key = newKey(change.kind);
    this.step = 'confirm';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#confirm-text')?.focus();
  }

  private confirmation(change: MoneyChange) {
    const t = this.t;
    const amount = money(change.kind === 'waive' ? change.fee.amountCents : (this.cents() ?? 0), this.locale);
    let words: string;
    let action: string;
    if (change.kind === 'refund') {
      const p = change.payment;
      words = t.confirmRefund(amount, p.confirmationNumber, t.method(p.method.kind, p.method.brand, p.method.last4), t.refundReason[this.reason]!);
      action = t.refundButton(amount);
    } else if (change.kind === 'add-fee') {
      words = t.confirmAddFee(amount, t.feeReason[this.feeKind]!, this.note.trim());
      action = t.addFeeButton(amount);
    } else {
      words = t.confirmWaive(amount, t.feeReason[change.fee.reason] ?? change.fee.reason, t.waiverReason[this.reason]!);
      action = t.waiveButton(amount);
    }
    return html`<p id="confirm-text" tabindex="-1">${words}</p>
      <div class="actions">
        <button type="button" ?disabled=${this.busy} @click=${this.send}>${this.busy ? t.working : action}</button>
        <button type="button" class="secondary" ?disabled=${this.busy} @click=${this.back}>${t.back}</button>
      </div>`;
  }

  private back = async () => {
    this.step = 'form';
    this.problem = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(this.change?.kind === 'waive' ? '#reason' : '#amount')?.focus();
  };

  private send = async () => {
    const change = this.change!;
    const t = this.t;
    const idempotencyKey = this.#key!;
    const note = this.note.trim() || undefined;
    this.busy = true;
    this.problem = '';
    try {
      let said: string;
      if (change.kind === 'refund') {
        const cents = this.cents()!;
        const whole = cents === change.payment.refundableCents;
        const refund = await this.desk.run((c) => refundPayment(c, change.payment.id, { amountCents: whole ? undefined : cents, reason: this.reason as RefundReason }, { idempotencyKey }));
        const amount = money(refund.amountCents, this.locale);
        said = refund.status === 'succeeded' ? t.refunded(amount, change.payment.confirmationNumber) : t.refundPending(amount, change.payment.confirmationNumber);
      } else if (change.kind === 'add-fee') {
        const fee = await this.desk.run((c) => addFee(c, change.accountId, { amountCents: this.cents()!, reason: this.feeKind, note }, { idempotencyKey }));
        said = t.feeAdded(money(fee.amountCents, this.locale));
      } else {
        const fee = await this.desk.run((c) => waiveFee(c, change.accountId, change.fee.id, { reason: this.reason as FeeWaiverReason, note }, { idempotencyKey }));
        said = t.feeWaivedDone(money(fee.amountCents, this.locale));
      }
      this.#modal.close();
      this.announce(said);
      this.dispatchEvent(new CustomEvent('console-money-changed', { bubbles: true, composed: true, detail: { text: said } }));
    } catch (error) {
      this.problem = problemWords(error, t);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.problem')?.focus();
    } finally {
      this.busy = false;
    }
  };

  private closed = () => {
    if (!this.#modal.ended()) return;
    this.change = undefined;
    this.#modal.returnFocus();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'console-money-dialog': ConsoleMoneyDialog;
  }
}
