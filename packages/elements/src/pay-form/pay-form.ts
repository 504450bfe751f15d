import {
  formatMoney,
  isNetworkError,
  isSessionExpiredError,
  localToday,
  parseMoney,
  type Account,
  type BankAccountType,
  type BillPayClient,
  type DebitAuthorization,
  type Payment,
  type PaymentMethod,
  type Practice,
  type Wallet,
} from '@billpay/sdk';
import { MIN_PAYMENT_CENTS } from '@billpay/sdk/core';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ConnectedElement } from '../base/connected-element.js';
import { FormIssuesController, type SummaryContent } from '../form/form-issues.js';
import { payWords } from '../i18n/pay.js';
import { money } from '../i18n/format.js';
import { formStyles } from '../styles/form.js';
import { tokens } from '../styles/shared.js';
import {
  EMPTY_CAPTURE,
  EMPTY_CARD,
  captureProblem,
  captureSlots,
  capturedInput,
  checkAsTyped,
  checkCaptureSlot,
  tokenizeCapture,
  type CaptureValues,
  type CardCapture,
} from '../payment-method/capture.js';
import { CardFieldsChoice } from '../payment-method/card-fields-choice.js';
import { INPUT_OF, chosenAmount, planPayment, withIssue, type Failure, type Issue, type Method, type Review, type Slot, type Values } from './pay-model.js';
import { flowStyles } from '../styles/flow.js';
import { failureMessage, issueText, renderAmount, renderMethods, type PayFormView } from './pay-form-parts.js';
import { payReview } from './pay-review.js';
import { printDebitAuthorization } from './pay-documents.js';
import { debitAuthorizationText, payFailureOf } from './pay-submit.js';
import { canShow, payStep, type PayStep, type PayStepEvent } from './pay-steps.js';
import { availableWallet, requestWallet, type WalletMerchant } from '../payment-method/wallet.js';

/**
 * Pays all or part of a bill: the amount, then a card (in the processor's hosted fields), a bank
 * account or a wallet, then a review of exactly what will be charged, then a receipt.
 *
 * @summary Pay all or part of a bill by card, bank account or wallet, with a review and a receipt.
 * @tag pay-form
 *
 * @fires payment-succeeded - The payment was taken (or, for a bank account, sent). `detail.payment` is the receipt.
 * @fires payment-failed - A payment was declined or could not be made. `detail.code` says why.
 * @fires billpay-session-expired - The session ended; the bill must be found again.
 * @fires pay-form-step - The patient moved to another step (`detail.step`: form, review, receipt).
 *
 * @csspart form - The payment form.
 * @csspart heading - Each step's heading.
 * @csspart error-summary - Problems after Review or a decline.
 * @csspart input - Every text input.
 * @csspart card-frame - The processor's hosted card fields (an iframe).
 * @csspart review-button - "Review payment", under the form.
 * @csspart review - The review of the payment.
 * @csspart authorization - The bank debit authorization text.
 * @csspart pay-button - "Pay $…" on the review.
 * @csspart change-button - "Change amount or method" on the review, back to the form.
 * @csspart receipt - The receipt (`<billpay-receipt>`'s, forwarded).
 * @csspart print-button - "Print receipt".
 * @csspart save-button - "Save receipt", as a file.
 *
 * @cssprop --billpay-color-accent - Buttons, links and the card fields' accent.
 */
export class PayForm extends ConnectedElement {
  static override styles = [tokens, formStyles, flowStyles];

  /** The account to pay; `<bill-pay>` sets it. Without it, the session's account is loaded. */
  @property({ attribute: false }) account: Account | undefined;

  /** Start with this statement's open amount chosen. */
  @property({ attribute: 'statement-id' }) statementId = '';

  /**
   * Where card numbers are typed. `hosted` (default): the processor's own page in an iframe, so
   * card data never touches this page (PCI SAQ A). `direct`: fields in this element, sent
   * straight to the processor (SAQ A-EP).
   */
  @property({ attribute: 'card-capture' }) cardCapture: CardCapture = 'hosted';

  /**
   * The ways to pay offered, space-separated: any of `card bank wallet`. `wallet` offers Google
   * Pay (and Apple Pay in Safari) where the browser says it can; Chromium checks Google Pay by
   * fetching https://google.com/pay, so the page's CSP must allow that in `connect-src`.
   */
  @property() methods = 'card bank';

  @state() private step: PayStep = 'form';
  @state() private values: Values = { amountChoice: 'balance', otherAmount: '', method: 'card', ...EMPTY_CAPTURE };
  @state() private errors: Partial<Record<Slot, Issue>> = {};
  @state() private failure: Failure | undefined;
  @state() private preparing = false;
  @state() private paying = false;
  @state() private review: Review | undefined;
  @state() private accepted = false;
  @state() private payment: Payment | undefined;
  @state() private loadedAccount: Account | undefined;
  @state() private loadedPractice: Practice | undefined;
  @state() private wallet: Wallet | undefined;

  private readonly cardFields = new CardFieldsChoice(this);
  private readonly issues = new FormIssuesController(this);
  private walletCheckedFor = '';
  private touched = new Set<Slot>();

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('bill-lookup-success', this.onBillFound);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('bill-lookup-success', this.onBillFound);
  }

  /**
   * Used on its own, beside a `<bill-lookup>` of the same practice (they share the page's client,
   * so its session): a bill found there is the one this form pays, never the one shown before.
   */
  private onBillFound = (event: GlobalEventHandlersEventMap['bill-lookup-success']) => {
    if (this.account || this.client || this.contextClient) return;
    const { account } = event.detail;
    if (account.practice !== this.practice || this.loadedAccount?.id === account.id) return;
    this.loadedAccount = account;
    this.reset();
  };

  /** Back to an empty form for the same account (after a receipt, or to start again). */
  reset(): void {
    this.step = payStep(this.step, { type: 'reset' });
    this.values = { ...this.values, amountChoice: this.defaultChoice(), otherAmount: '', ...EMPTY_CARD, bankRouting: '', bankAccount: '', bankAccountConfirm: '' };
    this.errors = {};
    this.touched.clear();
    this.issues.hide();
    this.failure = undefined;
    this.review = undefined;
    this.accepted = false;
    this.payment = undefined;
    this.cardFields.current?.clear();
  }

  /**
   * Shows the form, or the review still held, for a flow going Back or Forward. `gone`: that step
   * is no more (a payment made, or no review to show); `busy`: a payment is being taken, so the
   * review stays. Fires no event.
   */
  async showStep(step: 'form' | 'review'): Promise<'shown' | 'gone' | 'busy'> {
    const allowed = canShow(step, { paying: this.paying, paid: Boolean(this.payment), reviewed: Boolean(this.review) });
    if (allowed !== 'shown') return allowed;
    this.step = payStep(this.step, { type: 'shown', step });
    await this.updateComplete;
    this.focusHeading();
    return 'shown';
  }

  /** Shows a payment's receipt again (a flow going Forward to it). */
  async showReceipt(payment: Payment): Promise<void> {
    this.payment = payment;
    this.step = payStep(this.step, { type: 'paid' });
    await this.updateComplete;
    this.focusHeading();
  }

  /** Moves focus to the current step's heading (for a flow that just showed this element). */
  focusHeading(): void {
    if (this.step === 'receipt') this.renderRoot.querySelector('billpay-receipt')?.focusHeading();
    else this.renderRoot.querySelector<HTMLElement>(`#${this.step === 'form' ? 'pay-heading' : 'review-heading'}`)?.focus();
  }

  /** Done once the receipt, an element of its own, has drawn too (so its heading can take focus). */
  protected override async getUpdateComplete(): Promise<boolean> {
    const result = await super.getUpdateComplete();
    await this.renderRoot.querySelector('billpay-receipt')?.updateComplete;
    return result;
  }

  private get activePractice(): Practice | undefined {
    return this.contextPractice ?? this.loadedPractice;
  }

  private get activeAccount(): Account | undefined {
    return this.account ?? this.loadedAccount;
  }

  private get offered(): Set<Method> {
    const named = new Set(this.methods.split(/\s+/).filter((m): m is Method => m === 'card' || m === 'bank' || m === 'wallet'));
    if (!this.wallet) named.delete('wallet');
    return named;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const client = this.activeClient;
    if (client && !this.activePractice && !this.loadingPractice) {
      this.loadingPractice = true;
      client.getPractice().then(
        (practice) => (this.loadedPractice = practice),
        () => (this.failure = { kind: 'other' }),
      );
    }
    if (client && !this.account && !this.loadedAccount && !this.loadingAccount && client.hasSession) {
      this.loadingAccount = true;
      client.getAccount().then(
        (account) => (this.loadedAccount = account),
        (error: unknown) => {
          if (isSessionExpiredError(error)) this.emit('billpay-session-expired', {});
          else this.failure = { kind: 'other' };
        },
      );
    }
    // A new account (given, or loaded for a form used on its own): the amount it most likely pays.
    if (changed.has('account') || (changed as Map<PropertyKey, unknown>).has('loadedAccount') || changed.has('statementId')) {
      this.values = { ...this.values, amountChoice: this.defaultChoice() };
    }
    const practice = this.activePractice;
    if (practice?.payments && this.walletCheckedFor !== practice.id && this.methods.includes('wallet')) {
      this.walletCheckedFor = practice.id;
      void availableWallet(this.merchant(practice)).then((wallet) => (this.wallet = wallet));
    }
    if (!this.offered.has(this.values.method)) {
      const first = ['card', 'bank', 'wallet'].find((m) => this.offered.has(m as Method)) as Method | undefined;
      if (first) this.values = { ...this.values, method: first };
    }
  }

  private loadingPractice = false;
  private loadingAccount = false;

  private defaultChoice(): string {
    const account = this.activeAccount;
    if (this.statementId && account?.statements.some((s) => s.id === this.statementId && s.openCents > 0)) return `statement:${this.statementId}`;
    // A patient on a plan most likely came to pay what the plan asks.
    if (account && planPayment(account)) return 'plan';
    return 'balance';
  }

  private merchant(practice: Practice): WalletMerchant {
    return { name: practice.name, key: practice.payments?.publishableKey ?? practice.id };
  }

  private set<K extends keyof Values>(field: K, value: Values[K]) {
    this.values = { ...this.values, [field]: value };
  }

  // ---------------------------------------------------------------------------------------
  // Checking what was entered

  /** The amount chosen, or the problem with it. */
  private amount(): { cents: number; statementId: string | undefined } | { issue: Issue } {
    return chosenAmount(this.values, this.activeAccount);
  }

  private check(slot: Slot): Issue | undefined {
    if (slot === 'amount') {
      if (this.values.amountChoice !== 'other') return undefined;
      const amount = this.amount();
      return 'issue' in amount ? amount.issue : undefined;
    }
    if (slot === 'authorization') return undefined;
    const code = checkCaptureSlot(this.values, slot);
    return code ? { code } : undefined;
  }

  /** The fields the chosen method needs, in the order they appear. */
  private slotsToCheck(): Slot[] {
    const method = this.values.method;
    return ['amount', ...(method === 'wallet' ? [] : captureSlots(method, this.cardCapture))];
  }

  /** After a field is left (or, once shown, as it is fixed), its message is brought up to date. */
  private recheck(slot: Slot, force = false) {
    if (!force && !this.touched.has(slot) && !this.errors[slot]) return;
    const issue = this.check(slot);
    this.errors = withIssue(this.errors, slot, issue);
  }

  private onInput = (field: keyof Values, slot: Slot) => {
    return (event: InputEvent) => {
      const input = event.target as HTMLInputElement;
      const value = field in EMPTY_CAPTURE ? capturedInput(field as keyof CaptureValues, input) : input.value;
      this.set(field, value);
      // The routing number is checked as soon as it has all 9 digits.
      if (slot !== 'amount' && slot !== 'authorization' && checkAsTyped(slot, value)) this.touched.add(slot);
      this.recheck(slot);
    };
  };

  private onBlur = (slot: Slot) => {
    return (event: FocusEvent) => {
      if ((event.target as HTMLInputElement).value.trim()) this.touched.add(slot);
      this.recheck(slot);
    };
  };

  private onAmountBlur = () => {
    const parsed = parseMoney(this.values.otherAmount);
    // "50" becomes "50.00" and "1234.5" becomes "1,234.50" once the patient moves on.
    if (parsed.ok) this.set('otherAmount', formatMoney(parsed.cents).replace(/^\$/, ''));
    if (this.values.otherAmount.trim()) this.touched.add('amount');
    this.recheck('amount');
  };

  private chooseAmount = (event: Event) => {
    this.set('amountChoice', (event.target as HTMLInputElement).value);
    this.errors = withIssue(this.errors, 'amount', undefined);
    // Focus stays on the radio, as in any radio group: the arrow keys choose (and fire change) as
    // they move, so moving focus into the amount field here would take the patient out of the group.
  };

  private chooseMethod = (event: Event) => {
    this.set('method', (event.target as HTMLInputElement).value as Method);
    this.failure = undefined;
  };

  // ---------------------------------------------------------------------------------------
  // Review

  private onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (this.preparing) return;
    const client = this.activeClient;
    const practice = this.activePractice;
    if (!client || !practice) return;
    this.failure = undefined;
    const errors: Partial<Record<Slot, Issue>> = {};
    for (const slot of this.slotsToCheck()) {
      this.touched.add(slot);
      const issue = this.check(slot);
      if (issue) errors[slot] = issue;
    }
    this.errors = errors;
    const amount = this.amount();
    if (Object.keys(errors).length || 'issue' in amount) {
      await this.issues.show();
      return;
    }
    this.issues.hide();
    // A wallet's sheet must open while the click is being handled: before any await.
    const walletSheet = this.values.method === 'wallet' && this.wallet ? requestWallet(this.wallet, this.merchant(practice), amount.cents) : undefined;
    this.preparing = true;
    try {
      const prepared = await this.prepareMethod(client, walletSheet);
      if (!prepared) return;
      this.review = {
        amountCents: amount.cents,
        statementId: amount.statementId,
        token: prepared.token,
        method: prepared.method,
        bank: prepared.bank,
        date: localToday(),
        idempotencyKey: crypto.randomUUID(),
      };
      this.accepted = false;
      await this.goTo({ type: 'reviewed' });
    } finally {
      this.preparing = false;
    }
  };

  /** Turns the chosen method into a processor token, or shows why it could not. */
  private async prepareMethod(
    client: BillPayClient,
    walletSheet: ReturnType<typeof requestWallet> | undefined,
  ): Promise<{ token: string; method: PaymentMethod; bank?: Review['bank'] } | undefined> {
    const v = this.values;
    try {
      if (v.method === 'wallet' && walletSheet && this.wallet) {
        const wallet = this.wallet;
        const authorization = await walletSheet;
        if (!authorization) return undefined;
        try {
          const token = await client.tokenizeWallet({ wallet, ...(authorization.sandboxCard ? { sandboxCard: authorization.sandboxCard } : {}) });
          await authorization.complete('success');
          return { token: token.id, method: { kind: 'wallet', wallet, brand: token.card.brand, last4: token.card.last4 } };
        } catch (error) {
          await authorization.complete('fail');
          throw error;
        }
      }
      if (v.method === 'wallet') return undefined;
      return await tokenizeCapture(client, v, v.method, this.cardCapture, this.cardFields.current);
    } catch (error) {
      await this.showPrepareProblem(error);
      return undefined;
    }
  }

  private async showPrepareProblem(error: unknown) {
    const method = this.values.method;
    const problem = method === 'wallet' ? undefined : captureProblem(error, method);
    if (problem) {
      this.errors = { ...this.errors, [problem.slot]: { code: problem.code } };
      if (problem.shownInFrame) return;
    } else if (this.values.method === 'wallet' && this.wallet) {
      this.failure = { kind: 'wallet', wallet: this.wallet };
    } else {
      this.failure = isNetworkError(error) ? { kind: 'network' } : { kind: 'other' };
    }
    await this.issues.show();
  }

  private change = async () => {
    if (this.paying) return;
    this.review = undefined;
    this.failure = undefined;
    await this.goTo({ type: 'changed' });
  };

  // ---------------------------------------------------------------------------------------
  // Paying

  private onPay = async () => {
    const review = this.review;
    const client = this.activeClient;
    if (!review || !client || this.paying) return;
    if (review.bank && !this.accepted) {
      this.errors = { authorization: { code: 'authorization.unchecked' } };
      await this.issues.show();
      return;
    }
    this.errors = {};
    this.issues.hide();
    this.failure = undefined;
    this.paying = true;
    const authorization: DebitAuthorization | undefined = review.bank
      ? (review.authorization ?? { text: this.authorizationText(review), acceptedAt: new Date().toISOString() })
      : undefined;
    this.review = { ...review, authorization };
    try {
      const payment = await client.pay({
        amountCents: review.amountCents,
        token: review.token,
        statementId: review.statementId,
        authorization,
        idempotencyKey: review.idempotencyKey,
      });
      this.payment = payment;
      this.paying = false;
      await this.goTo({ type: 'paid' });
      this.emit('payment-succeeded', { payment });
    } catch (error) {
      this.paying = false;
      await this.onPayFailed(error);
    }
  };

  private async onPayFailed(error: unknown) {
    const outcome = payFailureOf(error, this.review?.method.kind !== 'bank');
    if (outcome.then === 'expired') {
      this.emit('billpay-session-expired', {});
      return;
    }
    this.emit('payment-failed', { code: outcome.code, message: outcome.message });
    if (outcome.then === 'unknown') {
      // Whether it went through is not known yet: stay on the review; Pay again repeats the same
      // attempt under the same key, and is answered with what became of it.
      this.failure = { kind: 'network' };
      await this.issues.show();
      return;
    }
    this.failure = outcome.failure;
    if (outcome.clearCard) this.clearCard();
    if (outcome.otherAmount) this.values = { ...this.values, amountChoice: 'other' };
    this.review = undefined;
    this.step = payStep(this.step, { type: 'refused' });
    await this.issues.show();
    this.emit('pay-form-step', { step: 'form' });
  }

  /** Card data is never kept after a decline: the hosted fields reload empty. */
  private clearCard() {
    this.values = { ...this.values, ...EMPTY_CARD };
    this.cardFields.current?.clear();
  }

  private authorizationText(review: Review): string {
    return debitAuthorizationText(review, this.activePractice, this.localize.locale);
  }

  private async goTo(event: PayStepEvent) {
    const step = (this.step = payStep(this.step, event));
    await this.updateComplete;
    this.focusHeading();
    this.emit('pay-form-step', { step });
  }

  private printAuthorization = (event: Event) => {
    const { review, activePractice: practice } = this;
    if (review && practice) void printDebitAuthorization(review, practice, this.activeAccount, this.localize.locale, event.currentTarget);
  };

  // ---------------------------------------------------------------------------------------
  // Rendering

  protected override updated(): void {
    if (this.step === 'form' && this.values.method === 'card' && this.cardCapture === 'hosted') {
      this.cardFields.current?.setTheme(this, this.renderRoot);
    }
  }

  protected override render() {
    const practice = this.activePractice;
    const account = this.activeAccount;
    const t = payWords[this.localize.locale];
    if (!practice || !account) {
      return this.failure ? html`<p class="problem" role="alert">${t.payOther}</p>` : html`<p role="status">${t.loadingPractice}</p>`;
    }
    if (this.step === 'receipt' && this.payment) return this.renderReceipt(this.payment, practice);
    // The form stays in the page (hidden) during the review, so the card fields keep what was typed.
    return html`
      <div ?hidden=${this.step !== 'form'}>${this.renderForm(practice, account)}</div>
      ${this.step === 'review' && this.review ? this.renderReview(this.review, practice) : nothing}
      <p class="visually-hidden" role="status">${this.paying ? t.paying : this.preparing ? t.preparingReview : ''}</p>
    `;
  }

  private get level(): string {
    return String(this.headingLevelUpTo(6));
  }

  private renderForm(practice: Practice, account: Account) {
    const { locale } = this.localize;
    const t = payWords[locale];
    const heading = html`<div id="pay-heading" class="heading" part="heading" role="heading" aria-level=${this.level} tabindex="-1">${t.payTitle}</div>`;
    if (!practice.payments) return html`${heading}<p>${t.payUnavailable}</p>`;
    if (account.balanceCents <= 0) return html`${heading}<p>${t.payNothingDue}</p>`;
    if (account.balanceCents < MIN_PAYMENT_CENTS) return html`${heading}<p>${t.payBelowMinimum(money(MIN_PAYMENT_CENTS, locale))}</p>`;
    return html`
      <form part="form" method="post" novalidate @submit=${this.onSubmit} aria-labelledby="pay-heading">
        <div id="pay-heading" class="heading" part="heading" role="heading" aria-level=${this.level} tabindex="-1">${t.payTitle}</div>
        ${this.issues.summary(this.summaryContent)} ${renderAmount(this.formView, account)} ${renderMethods(this.formView)}
        <div class="actions">
          <button type="submit" part="review-button" aria-disabled=${this.preparing ? 'true' : 'false'}>
            ${this.preparing ? html`<span class="spinner" aria-hidden="true"></span>${t.preparingReview}` : t.reviewPayment}
          </button>
        </div>
      </form>
    `;
  }

  /** The form's state and handlers, for the parts drawn by pay-form-parts.ts. */
  private get formView(): PayFormView {
    return {
      locale: this.localize.locale,
      values: this.values,
      errors: this.errors,
      practice: this.activePractice,
      offered: this.offered,
      wallet: this.wallet,
      cardCapture: this.cardCapture,
      cardFields: this.cardFields.for(this.activePractice),
      onInput: this.onInput,
      onBlur: this.onBlur,
      onAmountBlur: this.onAmountBlur,
      chooseAmount: this.chooseAmount,
      chooseMethod: this.chooseMethod,
      setBankType: (type: BankAccountType) => this.set('bankType', type),
    };
  }

  private summaryContent = (): SummaryContent => {
    const t = payWords[this.localize.locale];
    // In the order the fields appear on the page; the card's problem (its frame) last.
    const slots = (Object.keys(INPUT_OF) as Slot[]).filter((slot) => this.errors[slot] && slot !== 'card');
    if (this.errors.card) slots.push('card');
    const failure = this.failure;
    return {
      title: failure?.kind === 'declined' ? t.declinedTitle : t.errorSummaryTitle,
      failures: [failure && failureMessage(this.formView, failure), failure?.kind === 'declined' && failure.cardCleared ? t.cardCleared : undefined],
      lines: slots.map((slot) => ({ inputId: INPUT_OF[slot], text: issueText(this.formView, this.errors[slot]!) })),
    };
  };

  private renderReview(review: Review, practice: Practice) {
    return payReview({
      review,
      practice,
      account: this.activeAccount,
      view: this.formView,
      level: this.level,
      summary: this.issues.summary(this.summaryContent),
      authorizationText: this.authorizationText(review),
      paying: this.paying,
      accepted: this.accepted,
      onPay: this.onPay,
      onChange: this.change,
      onAccept: this.onAccept,
      onPrint: this.printAuthorization,
    });
  }

  private onAccept = (event: Event) => {
    this.accepted = (event.target as HTMLInputElement).checked;
    if (this.accepted) this.errors = {};
  };

  private renderReceipt(payment: Payment, practice: Practice) {
    return html`<billpay-receipt
      exportparts="receipt, heading, print-button, save-button"
      .payment=${payment}
      .practice=${practice}
      .account=${this.activeAccount}
      .locale=${this.localize.locale}
      heading-level=${this.level}
    ></billpay-receipt>`;
  }
}
