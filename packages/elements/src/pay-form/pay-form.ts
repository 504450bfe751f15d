import { createPayment, type Account, type BankAccountType, type BillPayConnection, type Payment, type Practice } from '@billpay/sdk';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { SessionElement } from '../base/session-element.js';
import { FormIssuesController, type SummaryContent } from '../form/form-issues.js';
import { payBook, payWords } from '../i18n/pay.js';
import type { CapturedMethod, CardCapture } from '../payment-method/capture.js';
import { CardFieldsChoice } from '../payment-method/card-fields-choice.js';
import { WalletOffer, type OpenWallet } from '../payment-method/wallet.js';
import { flowStyles } from '../styles/flow.js';
import { formStyles } from '../styles/form.js';
import { tokens } from '../styles/shared.js';
import { BillFoundController } from './bill-found.js';
import { printDebitAuthorization } from './pay-documents.js';
import { PayEntry } from './pay-entry.js';
import { payForm, paySummary, type PayFormView } from './pay-form-parts.js';
import { PayLoad } from './pay-load.js';
import { defaultAmountChoice, offeredMethods, type Failure, type Method, type Review } from './pay-model.js';
import { payReview } from './pay-review.js';
import { canShow, payStep, type PayStep, type PayStepEvent } from './pay-steps.js';
import { debitAuthorizationOf, debitAuthorizationText, payFailureOf, payRequestOf, prepareMethod, prepareProblemOf, reviewOf } from './pay-submit.js';

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
export class PayForm extends SessionElement {
  static override styles = [tokens, formStyles, flowStyles];

  constructor() {
    super();
    // Drawn in these books' words too: each update waits for the element's language of them.
    this.localize.uses(payBook);
  }

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
  @state() private failure: Failure | undefined;
  @state() private preparing = false;
  @state() private paying = false;
  @state() private review: Review | undefined;
  @state() private accepted = false;
  @state() private payment: Payment | undefined;

  private readonly load = new PayLoad(this, {
    onAccount: () => this.entry.set('amountChoice', defaultAmountChoice(this.activeAccount, this.statementId)),
    onFailed: () => (this.failure = { kind: 'other' }),
    onSessionExpired: () => this.emit('billpay-session-expired', {}),
  });
  private readonly cardFields = new CardFieldsChoice(this);
  private readonly issues = new FormIssuesController(this);
  private readonly entry = new PayEntry(this, () => this.activeAccount, () => this.cardCapture);
  private readonly walletOffer = new WalletOffer(this);

  /** Used on its own beside a `<bill-lookup>` of the same practice: a bill found there is the one this form pays, never the one shown before. */
  private readonly billFound = new BillFoundController(this, (account) => {
    if (this.account || this.client || this.contextConnection) return;
    if (account.practice !== this.practice || this.load.account?.id === account.id) return;
    this.load.account = account;
    this.reset();
  });

  /** Back to an empty form for the same account (after a receipt, or to start again). */
  reset(): void {
    this.step = payStep(this.step, { type: 'reset' });
    this.entry.reset(defaultAmountChoice(this.activeAccount, this.statementId));
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
    return this.contextPractice ?? this.load.practice;
  }

  private get activeAccount(): Account | undefined {
    return this.account ?? this.load.account;
  }

  private get offered(): Set<Method> {
    return offeredMethods(this.methods, this.walletOffer.wallet);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.load.start(this.activeConnection, { practice: this.contextPractice, account: this.account });
    // A new account given (one loaded tells `onAccount`): the amount it most likely pays.
    if (changed.has('account') || changed.has('statementId')) {
      this.entry.set('amountChoice', defaultAmountChoice(this.activeAccount, this.statementId));
    }
    const practice = this.activePractice;
    if (practice && this.methods.includes('wallet')) this.walletOffer.check(practice);
    this.entry.keepMethodOffered(this.offered);
  }

  private chooseMethod = (event: Event) => {
    this.entry.chooseMethod((event.target as HTMLInputElement).value as Method);
    this.failure = undefined;
  };

  // ---------------------------------------------------------------------------------------
  // Review

  private onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (this.preparing) return;
    const client = this.activeConnection;
    const practice = this.activePractice;
    if (!client || !practice) return;
    this.failure = undefined;
    const valid = this.entry.checkAll();
    const amount = this.entry.amount();
    if (!valid || 'issue' in amount) {
      await this.issues.show();
      return;
    }
    this.issues.hide();
    // A wallet's sheet must open while the click is being handled: before any await.
    const wallet = this.entry.values.method === 'wallet' ? this.walletOffer.open(practice, amount.cents) : undefined;
    this.preparing = true;
    try {
      const prepared = await this.prepareMethod(client, wallet);
      if (!prepared) return;
      this.review = reviewOf(amount, prepared);
      this.accepted = false;
      await this.goTo({ type: 'reviewed' });
    } finally {
      this.preparing = false;
    }
  };

  /** Turns the chosen method into a processor token, or shows why it could not. */
  private async prepareMethod(client: BillPayConnection, wallet: OpenWallet | undefined): Promise<CapturedMethod | undefined> {
    try {
      return await prepareMethod(client, this.entry.values, this.cardCapture, this.cardFields.current, wallet);
    } catch (error) {
      await this.showPrepareProblem(error);
      return undefined;
    }
  }

  private async showPrepareProblem(error: unknown) {
    const problem = prepareProblemOf(error, this.entry.values.method, this.walletOffer.wallet);
    if ('slot' in problem) {
      this.entry.errors = { ...this.entry.errors, [problem.slot]: { code: problem.code } };
      if (problem.shownInFrame) return;
    } else {
      this.failure = problem;
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
    const client = this.activeConnection;
    if (!review || !client || this.paying) return;
    if (review.bank && !this.accepted) {
      this.entry.errors = { authorization: { code: 'authorization.unchecked' } };
      await this.issues.show();
      return;
    }
    this.entry.errors = {};
    this.issues.hide();
    this.failure = undefined;
    this.paying = true;
    const authorized = (this.review = { ...review, authorization: debitAuthorizationOf(review, this.authorizationText(review)) });
    try {
      const payment = await createPayment(client, payRequestOf(authorized));
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
    if (outcome.otherAmount) this.entry.set('amountChoice', 'other');
    this.review = undefined;
    this.step = payStep(this.step, { type: 'refused' });
    await this.issues.show();
    this.emit('pay-form-step', { step: 'form' });
  }

  /** Card data is never kept after a decline: the hosted fields reload empty. */
  private clearCard() {
    this.entry.clearCard();
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
    if (this.step === 'form' && this.entry.values.method === 'card' && this.cardCapture === 'hosted') {
      this.cardFields.current?.setTheme(this, this.renderRoot);
    }
  }

  protected override render() {
    const practice = this.activePractice;
    const account = this.activeAccount;
    const t = payWords(this.localize.locale);
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
    return payForm(this.formView, practice, account, { level: this.level, preparing: this.preparing, summary: this.issues.summary(this.summaryContent), onSubmit: this.onSubmit });
  }

  /** The form's state and handlers, for the parts drawn by pay-form-parts.ts. */
  private get formView(): PayFormView {
    const { entry } = this;
    return {
      locale: this.localize.locale,
      values: entry.values,
      errors: entry.errors,
      practice: this.activePractice,
      offered: this.offered,
      wallet: this.walletOffer.wallet,
      cardCapture: this.cardCapture,
      cardFields: this.cardFields.for(this.activePractice),
      onInput: entry.onInput,
      onBlur: entry.onBlur,
      onAmountBlur: entry.onAmountBlur,
      chooseAmount: entry.chooseAmount,
      chooseMethod: this.chooseMethod,
      setBankType: (type: BankAccountType) => entry.set('bankType', type),
    };
  }

  private summaryContent = (): SummaryContent => paySummary(this.formView, this.failure);

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
    if (this.accepted) this.entry.errors = {};
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
