import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { Payment, Practice } from '@billpay/sdk';
import { createBillPayConnection, getPractice, type BillPayConnection } from '@billpay/sdk/core';
import { tokenizeBank } from '@billpay/sdk/payments';
import type { AccountDetail } from '@billpay/sdk/admin';
import { takePhonePayment, TELEPHONE_AUTHORIZATION_VERSION, telephoneAuthorizationScript } from '@billpay/sdk/admin-phone';
import { money, type Locale } from '@billpay/elements/parts.js';
import {
  CAPTURE_INPUT, captureProblem, CardFieldsChoice, CardFieldsError, checkAsTyped, checkBankSlot, BANK_SLOTS, EMPTY_CAPTURE, flowStyles, plainField, renderBankFields,
  type BankSlot, type CaptureMethod, type CaptureSlot, type CaptureValues, type CapturedMethod, type FieldOptions, type PayWords,
} from '@billpay/elements/payment-parts.js';
import { ConsolePage } from '../app/console-page.js';
import { dialogStyles } from '../app/dialog-styles.js';
import { ModalDialog } from '../app/modal.js';
import { problemWords } from '../app/problems.js';
import { phoneWords, type PhoneWords } from '../i18n/phone.js';
import { checkAmount, formatClock, formatToday, refusalOf, typedLast4, type AmountChoice } from './phone-model.js';
import { printReceipt } from './print-receipt.js';
import { amountFields, receiptList, scriptSection, type ReceiptFacts } from './phone-parts.js';
import './receipt-email.js';

type Field = 'amount' | 'script' | CaptureSlot;
/** Refusals after which the card (or bank token) must be given again; what else was typed stays. */
const NEW_METHOD = new Set(['payment_declined', 'token_already_used', 'invalid_token']);
/** Refusals that concern the form (back to it); any other leaves the review to try again with the same key. */
const BACK_TO_FORM = new Set([...NEW_METHOD, 'amount_not_allowed', 'authorization_required', 'authorization_invalid', 'idempotency_conflict', 'invalid_request']);

/**
 * "Take a payment" by phone: the amount (the whole balance or part), the method (a card in the
 * processor's hosted fields, or a bank account with Nacha's telephone authorization read to the
 * patient), a review that says exactly what will happen, then the payment, taken once under an
 * Idempotency-Key made for the attempt, and its receipt: where it was emailed, "Email the receipt"
 * (`<console-receipt-email>`) and a Print button.
 *
 * @event console-money-changed - A payment was taken; the account should be read again.
 * @event console-notice-queued - Its receipt was emailed; the account's notices should show it.
 */
@customElement('console-phone-dialog')
export class ConsolePhoneDialog extends ConsolePage {
  static override styles = [
    dialogStyles,
    flowStyles,
    css`
      dialog {
        width: min(40rem, calc(100vw - 2rem));
      }
      .script-text {
        margin: 0 0 var(--_space);
        padding: 0.75rem 1rem;
        border-inline-start: 4px solid var(--_accent);
        background: var(--_surface-2);
        font-size: 1.0625rem;
        line-height: 1.5;
      }
      .choice input[type='checkbox'] {
        width: 1.5rem;
        height: 1.5rem;
      }
      @media print {
        dialog::backdrop {
          background: none;
        }
      }
    `,
  ];

  @state() private detail: AccountDetail | undefined;
  @state() private practice: Practice | undefined;
  @state() private step: 'form' | 'review' | 'receipt' = 'form';
  @state() private amountChoice: AmountChoice = 'whole';
  @state() private amountText = '';
  @state() private method: CaptureMethod = 'card';
  @state() private values: CaptureValues = { ...EMPTY_CAPTURE };
  @state() private scriptLanguage: Locale = 'en';
  @state() private agreed: { script: string; at: string } | undefined;
  @state() private errors: Partial<Record<Field, string>> = {};
  @state() private problem = '';
  @state() private busy = '';
  @state() private receipt: Payment | undefined;
  readonly #modal = new ModalDialog(this);
  private readonly cardFields = new CardFieldsChoice(this);
  private patientConnection: BillPayConnection | undefined;
  private captured: CapturedMethod | undefined;
  private attemptKey: string | undefined;

  get words(): PhoneWords {
    return phoneWords(this.locale);
  }

  /** Opens the dialog for the account; focus returns to `opener` when it closes. */
  async open(detail: AccountDetail, opener?: HTMLElement): Promise<void> {
    Object.assign(this, { detail, step: 'form', amountChoice: 'whole', amountText: '', method: 'card', values: { ...EMPTY_CAPTURE }, agreed: undefined, errors: {}, problem: '', busy: '', receipt: undefined });
    this.scriptLanguage = detail.profile.preferredLanguage?.startsWith('es') ? 'es' : this.locale;
    this.captured = undefined;
    this.attemptKey = undefined;
    await this.#modal.show(opener, 'h2');
    if (!this.practice) {
      const practiceId = this.desk.connection.session?.staff.practiceId ?? detail.patientView.practice;
      // The patient's connection, without a session: the practice's processor, where the card fields come from and a bank account is tokenized.
      this.patientConnection = createBillPayConnection({ api: location.origin, practice: practiceId });
      try {
        this.practice = await getPractice(this.patientConnection);
      } catch (error) {
        this.problem = problemWords(error, this.words);
      }
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.step === 'form' && this.method === 'card') this.cardFields.current?.setTheme(this, this.renderRoot);
  }

  override render() {
    const detail = this.detail;
    if (!detail) return html`<dialog aria-label="-"></dialog>`;
    const t = this.words;
    const name = `${detail.profile.firstName} ${detail.profile.lastName}`;
    const title = this.step === 'receipt' ? (this.receipt?.status === 'processing' ? t.receiptProcessingTitle : t.receiptTitle) : this.step === 'review' ? t.reviewTitle : t.takePaymentTitle(name);
    return html`<dialog aria-labelledby="dialog-title" @close=${this.closed}>
      <h2 id="dialog-title" tabindex="-1">${title}</h2>
      <p class="problem" role="alert" tabindex="-1">${this.problem}</p>
      ${this.step === 'form' ? this.form(detail) : this.step === 'review' ? this.review(detail) : this.receiptView(detail)}
    </dialog>`;
  }

  /**
   * What the card fields and the bank fields read: the dialog's own words for them (said to staff,
   * not to a patient). Not the payment form's `payWords`, which carry the widget's whole dictionary
   * and would land in the console's first screen: hence the cast, for the words they read.
   */
  private get payText(): PayWords {
    const t = this.words;
    return { ...t.fields, cardSecureNote: t.cardSecureNote, tryAgain: t.tryAgain, errorPrefix: t.errorPrefix } as unknown as PayWords;
  }

  private form(detail: AccountDetail) {
    const t = this.words;
    const balance = detail.patientView.balanceCents;
    if (balance < 100) return html`<p>${t.owesNothing}</p><div class="actions"><button type="button" class="secondary" @click=${() => this.#modal.close()}>${t.close}</button></div>`;
    const radio = (value: CaptureMethod, label: string) => html`<label class="choice">
      <input type="radio" name="method" .value=${value} .checked=${this.method === value} @change=${() => this.chooseMethod(value)} />
      <span>${label}</span>
    </label>`;
    const field = (options: FieldOptions<CaptureSlot, keyof CaptureValues>) =>
      plainField(options, { value: this.values[options.field], error: this.errors[options.slot], errorPrefix: t.errorPrefix, onInput: this.onInput(options.field, options.slot), onBlur: this.onBlur(options.slot) });
    return html`<form novalidate @submit=${this.toReview}>
      <p>${t.owes(money(balance, this.locale))}</p>
      ${amountFields({ t, locale: this.locale, balanceCents: balance, choice: this.amountChoice, typed: this.amountText, error: this.errors.amount, choose: this.chooseAmount, type: this.typeAmount })}
      <fieldset class="choices">
        <legend>${t.methodLegend}</legend>
        ${radio('card', t.methodCard)} ${radio('bank', t.methodBank)}
      </fieldset>
      ${this.method === 'card' && this.practice ? this.cardFields.for(this.practice).render(this.practice, this.locale, this.payText, nothing) : nothing}
      ${this.method === 'bank'
        ? html`${renderBankFields(this.payText, this.values, field, (type) => (this.values = { ...this.values, bankType: type }))}
          ${scriptSection({ t, language: this.scriptLanguage, script: this.script(), agreed: this.isAgreed(), error: this.errors.script, chooseLanguage: (l) => (this.scriptLanguage = l), agree: this.agree })}`
        : nothing}
      <div class="actions">
        <button type="submit" ?disabled=${this.busy !== ''}>${this.busy || t.review}</button>
        <button type="button" class="secondary" @click=${() => this.#modal.close()}>${t.cancel}</button>
      </div>
    </form>`;
  }

  /** The telephone authorization's words for what is typed now, in the language read; none until they are all known. */
  private script(): string | undefined {
    const amount = checkAmount(this.amountChoice, this.amountText, this.detail!.patientView.balanceCents);
    const last4 = typedLast4(this.values);
    const holder = this.values.bankHolder.trim();
    if (!amount.ok || !last4 || !holder || !this.practice) return undefined;
    const lang = this.scriptLanguage;
    const w = phoneWords(lang);
    return telephoneAuthorizationScript(lang, {
      practiceName: this.practice.name,
      payerName: holder,
      amount: money(amount.cents, lang),
      account: w.bankEnding(w.accountTypeWords[this.values.bankType]!, last4),
      date: formatToday(lang),
      phone: this.practice.contact.phone,
    });
  }

  private isAgreed(): boolean {
    return this.agreed !== undefined && this.agreed.script === this.script();
  }

  private agree = (checked: boolean) => {
    const script = this.script();
    this.agreed = checked && script ? { script, at: new Date().toISOString() } : undefined;
    if (checked) this.errors = { ...this.errors, script: undefined };
  };

  private chooseAmount = (choice: AmountChoice) => {
    this.amountChoice = choice;
    this.errors = { ...this.errors, amount: undefined };
  };

  /** A message about the amount goes once it is fixed (it is checked again on Review). */
  private typeAmount = (typed: string) => {
    this.amountText = typed;
    if (this.errors.amount && checkAmount('other', typed, this.detail!.patientView.balanceCents).ok) this.errors = { ...this.errors, amount: undefined };
  };

  private chooseMethod(method: CaptureMethod) {
    this.method = method;
    this.errors = {};
  }

  private onInput = (field: keyof CaptureValues, slot: CaptureSlot) => (event: InputEvent) => {
    this.values = { ...this.values, [field]: (event.target as HTMLInputElement).value };
    if (this.errors[slot] || checkAsTyped(slot, this.values[field])) this.checkSlot(slot as BankSlot);
  };

  private onBlur = (slot: CaptureSlot) => () => {
    if (this.values[slotField(slot)].trim()) this.checkSlot(slot as BankSlot);
  };

  private checkSlot(slot: BankSlot) {
    const issue = checkBankSlot(this.values, slot);
    this.errors = { ...this.errors, [slot]: issue && this.words.fields.payIssues[issue] };
  }

  private toReview = async (event: SubmitEvent) => {
    event.preventDefault();
    const t = this.words;
    const detail = this.detail!;
    const errors: Partial<Record<Field, string>> = {};
    const amount = checkAmount(this.amountChoice, this.amountText, detail.patientView.balanceCents);
    if (!amount.ok) errors.amount = amount.issue === 'missing' ? t.amountMissing : amount.issue === 'too_small' ? t.amountTooSmall : t.amountTooLarge(money(detail.patientView.balanceCents, this.locale));
    const slots = this.method === 'bank' ? BANK_SLOTS : [];
    for (const slot of slots) {
      const issue = checkBankSlot(this.values, slot);
      if (issue) errors[slot] = this.words.fields.payIssues[issue];
    }
    if (this.method === 'bank' && !this.isAgreed()) errors.script = this.agreed ? t.scriptChanged : t.scriptNotAgreed;
    this.errors = errors;
    this.problem = '';
    const first = (['amount', ...slots, 'script'] as Field[]).find((name) => errors[name]);
    if (first) {
      await this.updateComplete;
      this.focusOn(first === 'amount' ? (this.amountChoice === 'other' ? '#amount' : 'input[name="amount-choice"]') : first === 'script' ? '#script-agreed, #script-language' : `#${CAPTURE_INPUT[first]}`);
      return;
    }
    this.busy = t.preparing;
    try {
      this.captured = await this.capture();
    } catch (error) {
      const found = captureProblem(error, this.method);
      if (found && !found.shownInFrame) this.errors = { ...this.errors, [found.slot]: this.words.fields.payIssues[found.code] };
      if (!found) this.problem = problemWords(error, t);
      await this.updateComplete;
      if (found?.shownInFrame) this.cardFields.current?.focus();
      else this.focusOn(found ? `#${CAPTURE_INPUT[found.slot]}` : '.problem');
      return;
    } finally {
      this.busy = '';
    }
    this.attemptKey = `console-phone-${crypto.randomUUID()}`;
    this.step = 'review';
    this.focusOn('h2');
  };

  /** The card (from the processor's card fields) or the bank account, sent to the processor for a token, as the widget does. */
  private async capture(): Promise<CapturedMethod> {
    if (this.method === 'card') {
      const fields = this.cardFields.current;
      if (!fields) throw new CardFieldsError('unavailable', false);
      const token = await fields.tokenize();
      return { token: token.id, method: { kind: 'card', brand: token.card.brand, last4: token.card.last4 } };
    }
    const v = this.values;
    const holder = v.bankHolder.trim();
    const token = await tokenizeBank(this.patientConnection!, { routingNumber: v.bankRouting.replace(/[\s-]/g, ''), accountNumber: v.bankAccount.replace(/[\s-]/g, ''), accountType: v.bankType, holderName: holder });
    return { token: token.id, method: { kind: 'bank', last4: token.bank.last4 }, bank: { holder, type: token.bank.accountType, last4: token.bank.last4 } };
  }

  private amountCents(): number {
    const amount = checkAmount(this.amountChoice, this.amountText, this.detail!.patientView.balanceCents);
    return amount.ok ? amount.cents : 0;
  }

  private methodWords(kind: string, brand: string | undefined, last4: string, type?: string): string {
    const t = this.words;
    if (kind === 'bank') return t.bankEnding(t.accountTypeWords[type ?? 'checking']!, last4);
    return t.cardEnding(brand ? (this.words.fields.brandName[brand] ?? brand) : '', last4);
  }

  private review(detail: AccountDetail) {
    const t = this.words;
    const captured = this.captured!;
    const cents = this.amountCents();
    const amount = money(cents, this.locale);
    const method = this.methodWords(captured.method.kind, captured.method.brand, captured.method.last4, captured.bank?.type);
    const name = `${detail.profile.firstName} ${detail.profile.lastName}`;
    const after = money(detail.patientView.balanceCents - cents, this.locale);
    const words = this.method === 'bank'
      ? t.reviewBank(amount, method, name, detail.profile.accountNumber, after, formatClock(this.agreed!.at, this.locale))
      : t.reviewCard(amount, method, name, detail.profile.accountNumber, after);
    return html`<p id="confirm-text">${words}</p>
      <div class="actions">
        <button type="button" ?disabled=${this.busy !== ''} @click=${this.send}>${this.busy || t.takeButton(amount)}</button>
        <button type="button" class="secondary" ?disabled=${this.busy !== ''} @click=${this.back}>${t.back}</button>
      </div>`;
  }

  private back = () => {
    this.step = 'form';
    this.problem = '';
    this.focusOn('h2');
  };

  private send = async () => {
    const t = this.words;
    const detail = this.detail!;
    const captured = this.captured!;
    this.busy = t.taking;
    this.problem = '';
    try {
      const authorization = this.method === 'bank' ? { text: this.agreed!.script, acceptedAt: this.agreed!.at, version: TELEPHONE_AUTHORIZATION_VERSION } : undefined;
      const payment = await this.desk.run((c) => takePhonePayment(c, detail.id, { amountCents: this.amountCents(), token: captured.token, ...(authorization ? { authorization } : {}) }, { idempotencyKey: this.attemptKey! }));
      this.receipt = payment;
      this.step = 'receipt';
      const amount = money(payment.amountCents, this.locale);
      const said = payment.status === 'processing' ? t.receiptProcessing(amount, payment.confirmationNumber) : t.receiptTaken(amount, payment.confirmationNumber);
      this.announce(said);
      this.dispatchEvent(new CustomEvent('console-money-changed', { bubbles: true, composed: true, detail: { text: said } }));
      this.focusOn('h2');
    } catch (error) {
      const refusal = refusalOf(error);
      const code = refusal?.code ?? '';
      this.problem = (refusal && t.problems[code]) ?? problemWords(error, t);
      if (code === 'amount_not_allowed' && refusal?.maximumCents !== undefined && this.amountChoice === 'other') {
        this.errors = { ...this.errors, amount: t.amountTooLarge(money(refusal.maximumCents, this.locale)) };
      }
      if (BACK_TO_FORM.has(code)) {
        this.step = 'form';
        this.attemptKey = undefined;
        if (NEW_METHOD.has(code)) {
          this.captured = undefined;
          this.cardFields.current?.clear();
        }
        if (code.startsWith('authorization_')) this.agreed = undefined;
      }
      this.focusOn('.problem');
    } finally {
      this.busy = '';
    }
  };

  private receiptView(detail: AccountDetail) {
    const t = this.words;
    return html`${receiptList(this.receiptFacts(detail))}
      <console-receipt-email .desk=${this.desk} locale=${this.locale} .detail=${detail} .payment=${this.receipt}></console-receipt-email>
      <div class="actions">
        <button type="button" @click=${this.print}>${t.printReceipt}</button>
        <button type="button" class="secondary" @click=${() => this.#modal.close()}>${t.close}</button>
      </div>`;
  }

  private receiptFacts(detail: AccountDetail): ReceiptFacts {
    const p = this.receipt!;
    return {
      t: this.words,
      locale: this.locale,
      payment: p,
      detail,
      method: this.methodWords(p.method.kind, p.method.brand, p.method.last4, p.method.accountType),
      staffEmail: this.desk.connection.session?.staff.email ?? '',
      authorizedAt: p.method.kind === 'bank' ? this.agreed?.at : undefined,
    };
  }

  private print = async (event: Event) => {
    const detail = this.detail!;
    const button = event.currentTarget as HTMLElement;
    await printReceipt(this.words.printTitle(this.receipt!.confirmationNumber), this.locale, receiptList(this.receiptFacts(detail)), [flowStyles], button);
  };

  private focusOn(selector: string) {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  private closed = () => {
    if (!this.#modal.ended()) return;
    this.detail = undefined;
    this.captured = undefined;
    this.#modal.returnFocus();
  };
}

const slotField = (slot: CaptureSlot): keyof CaptureValues => (slot === 'card' ? 'cardNumber' : slot);

declare global {
  interface HTMLElementTagNameMap {
    'console-phone-dialog': ConsolePhoneDialog;
  }
}
