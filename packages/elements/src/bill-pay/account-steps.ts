/**
 * What `<bill-pay>` does once a bill is found, loaded with the bill rather than with the lookup
 * form (billpay.js fetches it beside the first paint, so it is usually here before the patient
 * submits): the account's view (its bill with "Make a payment" and the plan offer, paying it in
 * `<pay-form>`, a plan in `<plan-builder>`), the steps between them, and Back and Forward through
 * them. `<bill-pay>` keeps the first screen (the practice, the lookup, the step history) and
 * hands the account found here.
 */
import type { Account, Payment, Practice } from '@billpay/sdk';
import type { BillPayConnection } from '@billpay/sdk/connection';
import { html, nothing, type ReactiveElement, type TemplateResult } from 'lit';
import type * as FirstScreenSdk from '../first-screen-sdk.js';
import type { StepEntry, StepHistory } from '../history/step-history.js';
import type { LocaleController } from '../i18n/locale-controller.js';
import type { planAccountBook } from '../i18n/plan-account.js';

/** The flow's steps as Back and Forward know them; `pay`, `review` and `receipt` are `<pay-form>`'s. */
export type FlowStep = 'lookup' | 'bill' | 'pay' | 'review' | 'receipt' | 'plan' | 'plan-method';

/** What the account's steps use of `<bill-pay>`: each function answers as the element is when asked. */
export interface AccountStepsOptions {
  readonly localize: LocaleController;
  readonly steps: StepHistory<FlowStep>;
  readonly connection: () => BillPayConnection | undefined;
  readonly practice: () => Practice | undefined;
  /** The SDK's operations, once they have arrived. */
  readonly sdk: () => typeof FirstScreenSdk | undefined;
  readonly cardCapture: () => 'hosted' | 'direct';
  readonly autopayMethods: () => string;
  /** The bill is about to replace the lookup (called as the account is set, in the same update). */
  readonly showingBill: () => void;
  /** The account was left: show the lookup, saying the session ended or not, and focus it. */
  readonly toLookup: (sessionEnded: boolean) => Promise<void>;
}

export class AccountSteps {
  readonly #host: ReactiveElement;
  readonly #options: AccountStepsOptions;
  #account: Account | undefined;
  /** Which view of the account: its bill, paying it (form, review, receipt), or setting up a payment plan. */
  #view: 'bill' | 'pay' | 'plan' = 'bill';
  #paid = false;
  /** The account may have a payment plan now: its balance qualifies and it has none. */
  #planOffered = false;
  /** What `<plan-builder>` does: set up a plan, or change the payment method of the automatic one. */
  #planMode: 'create' | 'change-method' = 'create';
  /** Which payment the pay steps belong to: each "Make a payment" starts another. */
  #flow = 0;
  /** The payment made in a flow: Back passes over its form and review; Forward shows its receipt again. */
  #made: { flow: number; payment: Payment } | undefined;
  /** The words of the plan offer, which arrive with the bill (the lookup does not need them). */
  #planWords: typeof planAccountBook | undefined;

  constructor(host: ReactiveElement, options: AccountStepsOptions) {
    this.#host = host;
    this.#options = options;
  }

  /** The account shown, or kept while Back shows the lookup; `undefined` before a bill is found and once left. */
  get account(): Account | undefined {
    return this.#account;
  }

  /** The account is left (the session ended, another bill is looked up, the flow points elsewhere). */
  leave(): void {
    this.#view = 'bill';
    this.#account = undefined;
    this.#made = undefined;
    this.#host.requestUpdate();
  }

  /** A bill was found: it is shown (or, from a billing office link, the change of its plan's payment method). */
  async found({ account, intent }: GlobalEventHandlersEventMap['bill-lookup-success']['detail']): Promise<void> {
    // The bill, its buttons and focus on its heading arrive together (the bill's code comes
    // beside the lookup, and is usually here already).
    const [planOffered, { planAccountBook }] = await Promise.all([
      this.#planOfferFor(account),
      import('../i18n/plan-account.js').then(async (words) => {
        // `<bill-pay>` draws the offer in these words from now on: its updates wait for their language too.
        this.#options.localize.uses(words.planAccountBook);
        await this.#options.localize.loading();
        return words;
      }),
      import('../bill-summary/define.js'),
    ]);
    this.#planWords = planAccountBook;
    this.#planOffered = planOffered;
    this.#account = account;
    // "Statements and alerts" under the bill: drawn when its code arrives, after the bill.
    void import('../message-preferences/define.js');
    // A bill found (perhaps another patient's): no earlier receipt is shown again on Back or Forward.
    this.#made = undefined;
    this.#view = 'bill';
    this.#options.showingBill();
    this.#host.requestUpdate();
    this.#options.steps.push('bill');
    // A link the billing office sent to change the plan's payment method opens that change (the bill is one step back).
    if (intent?.kind === 'plan_method' && intent.planId === account.plan?.id && this.#methodChangeable) return this.#startPlanMethod();
    await this.#host.updateComplete;
    // The step changed: move focus to the new step's heading so it is read out.
    await this.#focusHeadingOf('bill-summary');
  }

  /** Back or Forward reached one of the account's steps: show it, or pass over one that is gone (a finished payment's form and review). */
  async show(entry: StepEntry<FlowStep>, direction: -1 | 1): Promise<void> {
    const { step, flow } = entry;
    const steps = this.#options.steps;
    if (step === 'bill') return this.#showBill();
    // A plan set up is on the bill now: Back and Forward pass over the steps that made it.
    if (step === 'plan') return this.#account?.plan ? steps.skip(direction) : this.#showPlan('create');
    if (step === 'plan-method') return this.#methodChangeable ? this.#showPlan('change-method') : steps.skip(direction);
    if (step === 'receipt') {
      const made = this.#made?.flow === flow ? this.#made.payment : undefined;
      if (!made) return steps.skip(direction);
      this.#flow = flow;
      const form = await this.#showPayment();
      this.#paid = true;
      this.#host.requestUpdate();
      return form?.showReceipt(made);
    }
    if (this.#made?.flow === flow) return steps.skip(direction);
    const current = this.#view === 'pay' && this.#flow === flow ? this.#host.renderRoot.querySelector('pay-form') : null;
    this.#flow = flow;
    const form = current ?? (await this.#showPayment());
    const shown = await form?.showStep(step === 'review' ? 'review' : 'form');
    if (shown === 'busy') steps.stay(direction);
    else if (shown !== 'shown') steps.skip(direction);
  }

  /**
   * Whether to offer a payment plan beside "Make a payment": the practice's rules say (the
   * balance is at least their minimum and the account has no plan). Asked before the bill is
   * shown, so both buttons arrive together; a slow or failed answer just leaves the offer out.
   */
  async #planOfferFor(account: Account): Promise<boolean> {
    const connection = this.#options.connection();
    const sdk = this.#options.sdk();
    if (!connection || !sdk || account.plan || account.balanceCents <= 0) return false;
    const eligible = sdk.getPlanOptions(connection).then(
      (options) => options.eligible,
      () => false,
    );
    const late = new Promise<false>((resolve) => setTimeout(() => resolve(false), 3000));
    return Promise.race([eligible, late]);
  }

  /** A canceled plan: the bill as it now is, and a new plan may be offered again. */
  #onPlanCanceled = async (event: GlobalEventHandlersEventMap['plan-canceled']) => {
    const { account } = event.detail;
    this.#account = account;
    this.#host.requestUpdate();
    this.#planOffered = await this.#planOfferFor(account);
    this.#host.requestUpdate();
  };

  /** The account's plan is paid automatically, and the practice takes payments online: its method may change. */
  get #methodChangeable(): boolean {
    return this.#account?.plan?.mode === 'automatic' && Boolean(this.#options.practice()?.payments);
  }

  #startPlanMethod = async () => {
    this.#options.steps.push('plan-method');
    await this.#showPlan('change-method');
  };

  #startPayment = async () => {
    this.#flow++;
    this.#options.steps.push('pay', this.#flow);
    await this.#showPayment();
  };

  async #showPayment() {
    // The payment form's code arrives when the patient chooses to pay, not with the page.
    await import('../pay-form/define.js');
    this.#view = 'pay';
    this.#paid = false;
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    const form = this.#host.renderRoot.querySelector('pay-form');
    await form?.updateComplete;
    form?.focusHeading();
    return form;
  }

  #startPlan = async () => {
    this.#options.steps.push('plan');
    await this.#showPlan('create');
  };

  async #showPlan(mode: 'create' | 'change-method') {
    // The plan builder's code arrives when the patient asks for a plan, not with the page.
    await import('../plan-builder/define.js');
    this.#planMode = mode;
    this.#view = 'plan';
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    await this.#focusHeadingOf('plan-builder');
  }

  #onPaid = (event: GlobalEventHandlersEventMap['payment-succeeded']) => {
    this.#paid = true;
    this.#made = { flow: this.#flow, payment: event.detail.payment };
    this.#host.requestUpdate();
  };

  #onPayStep = (event: GlobalEventHandlersEventMap['pay-form-step']) => {
    const { step } = event.detail;
    this.#options.steps.push(step === 'form' ? 'pay' : step, this.#flow);
  };

  /** Back to the bill, reloaded after a payment or from a plan so it shows the new balance, the payment or the plan. */
  #backToBill = async () => {
    this.#options.steps.push('bill');
    await this.#showBill();
  };

  async #showBill() {
    const connection = this.#options.connection();
    const sdk = this.#options.sdk();
    if ((this.#paid || this.#view === 'plan') && connection && sdk) {
      try {
        const account = await sdk.getAccount(connection);
        this.#planOffered = await this.#planOfferFor(account);
        this.#account = account;
      } catch {
        // Shown as it was; an ended session is caught by the summary's own requests.
      }
    }
    this.#view = 'bill';
    this.#paid = false;
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    await this.#focusHeadingOf('bill-summary');
  }

  /** Focuses the heading of the step's element once it has drawn (it waits for its words in the patient's language). */
  async #focusHeadingOf(tag: 'bill-summary' | 'plan-builder'): Promise<void> {
    const step = this.#host.renderRoot.querySelector(tag);
    await step?.updateComplete;
    step?.focusHeading();
  }

  #onSessionExpired = () => {
    this.leave();
    return this.#options.toLookup(true);
  };

  #startOver = async () => {
    const connection = this.#options.connection();
    const sdk = this.#options.sdk();
    if (connection && sdk) await sdk.signOut(connection);
    this.#options.steps.push('lookup');
    this.leave();
    await this.#options.toLookup(false);
  };

  /** The account's step, its heading at `level`. */
  render(level: number): TemplateResult | typeof nothing {
    const account = this.#account;
    if (!account) return nothing;
    const { t } = this.#options.localize;
    if (this.#view === 'pay') {
      return html`
        <pay-form
          .account=${account}
          heading-level=${level}
          card-capture=${this.#options.cardCapture()}
          @payment-succeeded=${this.#onPaid}
          @pay-form-step=${this.#onPayStep}
          @billpay-session-expired=${this.#onSessionExpired}
        ></pay-form>
        <div class="step-actions">
          <button type="button" class="secondary" part="back-button" @click=${this.#backToBill}>${t.backToBill}</button>
        </div>
      `;
    }
    if (this.#view === 'plan') {
      // Each purpose is reached from the bill, which the builder leaves: a new builder each time.
      return html`
        <plan-builder
          heading-level=${level}
          mode=${this.#planMode}
          plan-id=${this.#planMode === 'change-method' ? (account.plan?.id ?? '') : ''}
          card-capture=${this.#options.cardCapture()}
          autopay-methods=${this.#options.autopayMethods()}
          @billpay-session-expired=${this.#onSessionExpired}
        ></plan-builder>
        <div class="step-actions">
          <button type="button" class="secondary" part="back-button" @click=${this.#backToBill}>${t.backToBill}</button>
        </div>
      `;
    }
    const sdk = this.#options.sdk();
    const payable = Boolean(this.#options.practice()?.payments && sdk) && account.balanceCents >= (sdk?.MIN_PAYMENT_CENTS ?? Infinity);
    const planWords = this.#planWords && this.#options.localize.words(this.#planWords);
    const planOffer = this.#planOffered && !account.plan ? planWords?.planOffer : undefined;
    const changeMethod = this.#methodChangeable ? planWords?.planChangeMethod : undefined;
    return html`
      <bill-summary .account=${account} heading-level=${level} @billpay-session-expired=${this.#onSessionExpired} @plan-canceled=${this.#onPlanCanceled}>
        ${payable || planOffer || changeMethod
          ? html`<div slot="actions" class="pay-actions">
              ${payable ? html`<button type="button" part="pay-button" @click=${this.#startPayment}>${t.makePayment}</button>` : nothing}
              ${planOffer
                ? html`<button type="button" class="secondary" part="plan-button" @click=${this.#startPlan}>${planOffer}</button>`
                : nothing}
              ${changeMethod
                ? html`<button type="button" class="secondary" part="plan-method-button" @click=${this.#startPlanMethod}>${changeMethod}</button>`
                : nothing}
            </div>`
          : nothing}
      </bill-summary>
      <message-preferences heading-level=${Math.min(6, level + 1)} @billpay-session-expired=${this.#onSessionExpired}></message-preferences>
      <div class="step-actions">
        <button type="button" class="secondary" part="start-over-button" @click=${this.#startOver}>${t.lookUpAnother}</button>
      </div>
    `;
  }
}
