import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import {
  cancelPlanAsStaff,
  changeInstallmentAmount,
  moveInstallment,
  skipInstallment,
  type PlanChange,
  type PlanChangeReason,
  type PlanChangeResult,
} from '@billpay/sdk/admin-desk';
import type { PlanDetail } from '@billpay/sdk/admin';
import { parseMoney } from '@billpay/sdk/money';
import { describedBy, fieldError, formatDate, money } from '@billpay/elements/parts.js';
import { ConsolePage } from '../app/console-page.js';
import { dialogStyles } from '../app/dialog-styles.js';
import { ModalDialog } from '../app/modal.js';
import { deskWords, type DeskWords } from '../i18n/desk.js';
import { problemWords } from '../app/problems.js';

/** What staff change in a plan: cancel it, skip or move one installment, or change the amount of those left. */
export type PlanEdit =
  | { readonly kind: 'cancel'; readonly plan: PlanDetail }
  | { readonly kind: 'skip'; readonly plan: PlanDetail; readonly number: number }
  | { readonly kind: 'move'; readonly plan: PlanDetail; readonly number: number }
  | { readonly kind: 'amount'; readonly plan: PlanDetail };

const REASONS: readonly PlanChangeReason[] = ['requested_by_patient', 'hardship', 'billing_error', 'other'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

type Field = 'date' | 'amount' | 'reason';

/**
 * A change of a payment plan in a modal dialog, as the money dialog: the form (a date or an
 * amount, a reason, a note), then a confirmation in words, sent once per attempt under its own
 * Idempotency-Key. The API's refusals are said in words; an amount change that needs the patient
 * told first (Regulation E) says so, and from when it takes effect, before the dialog closes.
 *
 * @event console-money-changed - The plan changed; the account should be read again.
 */
@customElement('console-plan-dialog')
export class ConsolePlanDialog extends ConsolePage {
  static override styles = dialogStyles;

  @property({ attribute: false }) edit: PlanEdit | undefined;
  @state() private step: 'form' | 'confirm' | 'done' = 'form';
  @state() private date = '';
  @state() private amount = '';
  @state() private reason = '';
  @state() private note = '';
  @state() private errors: Partial<Record<Field, string>> = {};
  @state() private problem = '';
  @state() private busy = false;
  @state() private made: PlanChange | undefined;
  readonly #modal = new ModalDialog(this);
  #key: string | undefined;

  override get t(): DeskWords {
    return deskWords(this.locale);
  }

  /** Opens the dialog for `edit`; focus returns to `opener` when it closes. */
  async open(edit: PlanEdit, opener?: HTMLElement): Promise<void> {
    this.edit = edit;
    this.step = 'form';
    this.date = edit.kind === 'move' ? (this.installment(edit)?.dueOn ?? '') : '';
    this.amount = '';
    this.reason = '';
    this.note = '';
    this.errors = {};
    this.problem = '';
    this.made = undefined;
    this.#key = undefined;
    await this.#modal.show(opener, 'h2');
  }

  private installment(edit: PlanEdit) {
    return 'number' in edit ? edit.plan.installments.find((i) => i.number === edit.number) : undefined;
  }

  override render() {
    const edit = this.edit;
    if (!edit) return html`<dialog aria-label="-"></dialog>`;
    const body = this.step === 'form' ? this.form(edit) : this.step === 'confirm' ? this.confirmation(edit) : this.done();
    return html`<dialog aria-labelledby="plan-dialog-title" @close=${this.closed}>
      <h2 id="plan-dialog-title" tabindex="-1">${this.titleOf(edit)}</h2>
      <p class="problem" role="alert" tabindex="-1">${this.problem}</p>
      ${body}
    </dialog>`;
  }

  private titleOf(edit: PlanEdit): string {
    const t = this.t;
    if (edit.kind === 'skip') return t.skipTitle(edit.number);
    if (edit.kind === 'move') return t.moveTitle(edit.number);
    return edit.kind === 'cancel' ? t.cancelPlanTitle : t.amountTitle;
  }

  private form(edit: PlanEdit) {
    const t = this.t;
    const invalid = (field: Field) => this.errors[field] !== undefined;
    const installment = this.installment(edit);
    return html`<form novalidate @submit=${this.review}>
      ${installment ? html`<p>${t.installmentNow(installment.number, formatDate(installment.dueOn, this.locale), money(installment.amountCents, this.locale))}</p>` : nothing}
      ${edit.kind === 'amount' ? html`<p>${t.amountNow(money(edit.plan.installmentCents, this.locale))}</p>` : nothing}
      ${edit.kind === 'move'
        ? html`<div class="field ${invalid('date') ? 'invalid' : ''}">
            <label for="date">${t.newDueDateLabel}</label>
            <span id="date-hint" class="hint">${t.newDueDateHint}</span>
            ${fieldError('date', t.errorPrefix, this.errors.date)}
            <input id="date" type="date" autocomplete="off" .value=${this.date} aria-describedby=${describedBy('date-hint', 'date', invalid('date'))}
              aria-invalid=${invalid('date') ? 'true' : 'false'} @input=${(e: InputEvent) => (this.date = (e.target as HTMLInputElement).value)} />
          </div>`
        : nothing}
      ${edit.kind === 'amount'
        ? html`<div class="field ${invalid('amount') ? 'invalid' : ''}">
            <label for="amount">${t.newAmountLabel}</label>
            <span id="amount-hint" class="hint">${t.newAmountHint}</span>
            ${fieldError('amount', t.errorPrefix, this.errors.amount)}
            <div class="money-input">
              <span aria-hidden="true">$</span>
              <input id="amount" inputmode="decimal" autocomplete="off" maxlength="12" .value=${this.amount} aria-describedby=${describedBy('amount-hint', 'amount', invalid('amount'))}
                aria-invalid=${invalid('amount') ? 'true' : 'false'} @input=${(e: InputEvent) => (this.amount = (e.target as HTMLInputElement).value)} />
            </div>
          </div>`
        : nothing}
      <div class="field ${invalid('reason') ? 'invalid' : ''}">
        <label for="reason">${t.reasonLabel}</label>
        ${fieldError('reason', t.errorPrefix, this.errors.reason)}
        <select id="reason" aria-describedby=${describedBy(undefined, 'reason', invalid('reason'))} aria-invalid=${invalid('reason') ? 'true' : 'false'}
          @change=${(e: Event) => (this.reason = (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${this.reason === ''}>${t.chooseReason}</option>
          ${REASONS.map((r) => html`<option value=${r} ?selected=${r === this.reason}>${t.planChangeReason[r]}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="note">${t.noteLabel}</label>
        <span id="note-hint" class="hint">${t.planNoteHint}</span>
        <textarea id="note" rows="2" maxlength="500" aria-describedby="note-hint" .value=${this.note} @input=${(e: InputEvent) => (this.note = (e.target as HTMLTextAreaElement).value)}></textarea>
      </div>
      <div class="actions">
        <button type="submit">${t.review}</button>
        <button type="button" class="secondary" @click=${() => this.#modal.close()}>${t.cancel}</button>
      </div>
    </form>`;
  }

  private cents(): number | undefined {
    const parsed = parseMoney(this.amount);
    return parsed.ok ? parsed.cents : undefined;
  }

  private async review(event: SubmitEvent) {
    event.preventDefault();
    const edit = this.edit!;
    const t = this.t;
    const errors: Partial<Record<Field, string>> = {};
    if (edit.kind === 'move' && !ISO_DATE.test(this.date)) errors.date = t.dayShape;
    if (edit.kind === 'amount') {
      const cents = this.cents();
      if (cents === undefined) errors.amount = t.amountShape;
      else if (cents < 1) errors.amount = t.amountTooLittle;
    }
    if (!this.reason) errors.reason = t.reasonMissing;
    this.errors = errors;
    this.problem = '';
    const first = (['date', 'amount', 'reason'] as const).find((name) => errors[name]);
    await this.updateComplete;
    if (first) {
      this.renderRoot.querySelector<HTMLElement>(`#${first}`)?.focus();
      return;
    }
    // A new attempt, a new key; the same attempt sent again (a retry) keeps it.
    this.#key = `console-plan-${edit.kind}-${crypto.randomUUID()}`;
    this.step = 'confirm';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#confirm-text')?.focus();
  }

  private confirmation(edit: PlanEdit) {
    const t = this.t;
    const reason = t.planChangeReason[this.reason]!;
    const installment = this.installment(edit);
    let words: string;
    let action: string;
    if (edit.kind === 'cancel') {
      words = t.confirmCancelPlan(edit.plan.installments.filter((i) => i.status === 'scheduled' || i.status === 'failed').length, reason);
      action = t.cancelPlanButton;
    } else if (edit.kind === 'skip') {
      words = t.confirmSkip(edit.number, money(installment?.amountCents ?? 0, this.locale), reason);
      action = t.skipButton(edit.number);
    } else if (edit.kind === 'move') {
      words = t.confirmMove(edit.number, formatDate(installment?.dueOn ?? this.date, this.locale), formatDate(this.date, this.locale), reason);
      action = t.moveButton(edit.number);
    } else {
      const amount = money(this.cents() ?? 0, this.locale);
      words = t.confirmAmount(amount, reason, edit.plan.mode === 'automatic');
      action = t.amountButton(amount);
    }
    return html`<p id="confirm-text" tabindex="-1">${words}</p>
      <div class="actions">
        <button type="button" ?disabled=${this.busy} @click=${this.send}>${this.busy ? t.working : action}</button>
        <button type="button" class="secondary" ?disabled=${this.busy} @click=${this.back}>${t.back}</button>
      </div>`;
  }

  private done() {
    const t = this.t;
    const made = this.made;
    return html`${made?.noticeRequired
        ? html`<p id="done-text" class="notice" tabindex="-1"><strong>${t.regENoticeTitle}</strong> ${t.regENotice(made.effectiveFrom ? formatDate(made.effectiveFrom, this.locale) : t.none)}</p>`
        : nothing}
      <div class="actions"><button type="button" @click=${() => this.#modal.close()}>${t.close}</button></div>`;
  }

  private back = async () => {
    this.step = 'form';
    this.problem = '';
    await this.updateComplete;
    const kind = this.edit?.kind;
    this.renderRoot.querySelector<HTMLElement>(kind === 'move' ? '#date' : kind === 'amount' ? '#amount' : '#reason')?.focus();
  };

  private send = async () => {
    const edit = this.edit!;
    const t = this.t;
    const idempotencyKey = this.#key!;
    const why = { reason: this.reason as PlanChangeReason, note: this.note.trim() || undefined };
    const planId = edit.plan.id;
    this.busy = true;
    this.problem = '';
    try {
      let result: PlanChangeResult;
      if (edit.kind === 'cancel') result = await this.desk.run((c) => cancelPlanAsStaff(c, planId, why, { idempotencyKey }));
      else if (edit.kind === 'skip') result = await this.desk.run((c) => skipInstallment(c, planId, edit.number, why, { idempotencyKey }));
      else if (edit.kind === 'move') result = await this.desk.run((c) => moveInstallment(c, planId, edit.number, { ...why, dueOn: this.date }, { idempotencyKey }));
      else result = await this.desk.run((c) => changeInstallmentAmount(c, planId, { ...why, amountCents: this.cents()! }, { idempotencyKey }));
      const said = t.planChanged[edit.kind]!;
      this.announce(said);
      this.dispatchEvent(new CustomEvent('console-money-changed', { bubbles: true, composed: true, detail: { text: said } }));
      if (result.change.noticeRequired) {
        this.made = result.change;
        this.step = 'done';
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('#done-text')?.focus();
      } else {
        this.#modal.close();
      }
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
    this.edit = undefined;
    this.#modal.returnFocus();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'console-plan-dialog': ConsolePlanDialog;
  }
}
