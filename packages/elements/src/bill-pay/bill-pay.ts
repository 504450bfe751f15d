import { provide } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { isApiError, isNetworkError } from '@billpay/sdk/checks';
import type { BillPayConnection } from '@billpay/sdk/connection';
import type { Account, BillPayClient, Payment, Practice } from '@billpay/sdk';
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { BillPayElement } from '../base/billpay-element.js';
import { tellDeveloper } from '../base/developer-console.js';
import '../bill-lookup/define.js';
import { connectionContext, localeContext, practiceContext } from '../context.js';
import type { planAccountTranslations } from '../i18n/plan-account.js';
import type { Locale } from '../i18n/locales.js';
import type * as FirstScreenSdk from '../first-screen-sdk.js';
import { loadFirstScreenSdk } from '../load-first-screen-sdk.js';
import { tokens } from '../styles/shared.js';
import { billPayStyles } from './bill-pay.styles.js';
import { loadProblem, practiceContact } from './bill-pay-parts.js';
import { StepHistory, type StepEntry } from '../history/step-history.js';

/** The flow's steps as Back and Forward know them; `pay`, `review` and `receipt` are `<pay-form>`'s. */
type FlowStep = 'lookup' | 'bill' | 'pay' | 'review' | 'receipt' | 'plan';

/**
 * The whole bill-payment flow for one practice, as a single element.
 *
 * @summary Pay a medical bill: find it, understand it, pay it.
 * @tag bill-pay
 *
 * @fires billpay-ready - The practice has loaded. `detail.practice` is what the widget shows.
 * @fires billpay-error - The practice could not be loaded. `detail.code` says why.
 *
 * @csspart base - The card around the whole flow.
 * @csspart header - The logo, heading and practice name.
 * @csspart logo - The practice's logo.
 * @csspart heading - The flow's heading.
 * @csspart practice-name - The practice's name under the heading.
 * @csspart problem - The message shown when loading failed, with its retry button.
 * @csspart retry-button - The "Try again" button.
 * @csspart contact - The billing office's phone, email, hours and financial-assistance link.
 * @csspart start-over-button - "Look up a different bill", which ends the session.
 * @csspart pay-button - "Make a payment", under the balance.
 * @csspart plan-button - "Can't pay all at once? Set up a payment plan", beside it when the balance qualifies.
 * @csspart back-button - "Back to your bill", while paying or setting up a plan.
 *
 * @cssprop --billpay-max-width - Widest the card grows. Default: 40rem.
 *
 * @slot - Extra content shown under the flow, above the billing contact.
 */
export class BillPay extends BillPayElement {
  static override styles = [tokens, billPayStyles];

  /** The practice's id in the billing API, e.g. "harbor-point". */
  @property({ reflect: true }) practice = '';

  /** The billing API's base URL. Defaults to the origin `billpay.js` was loaded from. */
  @property() api = '';

  /** Level of the flow's heading (1-6), so it fits the page's outline. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  /**
   * A ready-made SDK client (tests, Storybook, pages that configure `fetch`): the flow uses its
   * connection, and `api` and `practice` are not used to make one.
   */
  @property({ attribute: false }) client: BillPayClient | undefined;

  @provide({ context: connectionContext }) @state() protected resolvedConnection: BillPayConnection | undefined;
  @provide({ context: practiceContext }) @state() protected loadedPractice: Practice | undefined;
  @provide({ context: localeContext }) @state() protected providedLocale: Locale | undefined;

  @state() private account: Account | undefined;
  @state() private sessionEnded = false;
  /** Which view of the account: its bill, paying it (form, review, receipt), or setting up a payment plan. */
  @state() private view: 'bill' | 'pay' | 'plan' = 'bill';
  @state() private paid = false;
  /** Back from the bill to the lookup: shown while the account is kept, so Forward returns to it. */
  @state() private showLookup = false;
  /** The account may have a payment plan now: its balance qualifies and it has none. */
  @state() private planOffered = false;

  /** How `<pay-form>` and `<plan-builder>` capture cards: `hosted` (default, the processor's iframe) or `direct`. */
  @property({ attribute: 'card-capture' }) cardCapture: 'hosted' | 'direct' = 'hosted';

  /** How `<plan-builder>` may take automatic payments, space-separated: `bank`, `card` (default both). */
  @property({ attribute: 'autopay-methods' }) autopayMethods = 'bank card';

  @query('.heading') private headingElement!: HTMLElement;

  /** Back and Forward move between the flow's steps instead of leaving the page. */
  private readonly steps = new StepHistory<FlowStep>(this, { key: 'billpay', onStep: (entry, direction) => void this.onHistoryStep(entry, direction) });
  /** Which payment the pay steps belong to: each "Make a payment" starts another. */
  private flow = 0;
  /** The payment made in a flow: Back passes over its form and review; Forward shows its receipt again. */
  private made: { flow: number; payment: Payment } | undefined;
  /** The SDK's operations, once they have arrived (they come beside the lookup form, not before it). */
  private sdk: typeof FirstScreenSdk | undefined;
  /** The words of the plan offer, which arrive with the bill (the lookup does not need them). */
  private planWords: typeof planAccountTranslations | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.steps.start('lookup');
  }

  private readonly practiceTask = new Task(this, {
    task: async ([client, api, practiceId]) => {
      try {
        const sdk = await loadFirstScreenSdk();
        this.sdk = sdk;
        const connection = client?.connection ?? this.resolvedConnection ?? sdk.connectionFromAttributes(api, practiceId, false);
        this.resolvedConnection = connection;
        if (!connection) return undefined;
        const practice = await sdk.getPractice(connection);
        this.loadedPractice = practice;
        this.emit('billpay-ready', { practice });
        return practice;
      } catch (error) {
        this.loadedPractice = undefined;
        tellDeveloper(error);
        const code = isApiError(error) || isNetworkError(error) ? error.code : 'unknown';
        this.emit('billpay-error', { code, message: (error as Error).message });
        throw error;
      }
    },
    args: () => [this.client, this.api, this.practice] as const,
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('client') || changed.has('api') || changed.has('practice')) {
      // A client's connection is there at once; one of our own is made when the SDK arrives.
      this.resolvedConnection = this.client?.connection;
      this.account = undefined;
    }
    this.providedLocale = this.localize.locale;
  }


  private retry = async () => {
    // Keep keyboard focus in the widget while the retry button is replaced by the result.
    this.headingElement.focus();
    await this.practiceTask.run();
  };

  /**
   * Whether to offer a payment plan beside "Make a payment": the practice's rules say (the
   * balance is at least their minimum and the account has no plan). Asked before the bill is
   * shown, so both buttons arrive together; a slow or failed answer just leaves the offer out.
   */
  private async planOfferFor(account: Account): Promise<boolean> {
    const connection = this.resolvedConnection;
    if (!connection || !this.sdk || account.plan || account.balanceCents <= 0) return false;
    const eligible = this.sdk.getPlanOptions(connection).then(
      (options) => options.eligible,
      () => false,
    );
    const late = new Promise<false>((resolve) => setTimeout(() => resolve(false), 3000));
    return Promise.race([eligible, late]);
  }

  /** A canceled plan: the bill as it now is, and a new plan may be offered again. */
  private onPlanCanceled = async (event: GlobalEventHandlersEventMap['plan-canceled']) => {
    const { account } = event.detail;
    this.account = account;
    this.planOffered = await this.planOfferFor(account);
  };

  private onFound = async (event: GlobalEventHandlersEventMap['bill-lookup-success']) => {
    const account = event.detail.account;
    // The bill, its buttons and focus on its heading arrive together (the bill's code comes
    // beside the lookup, and is usually here already).
    const [planOffered, { planAccountTranslations }] = await Promise.all([
      this.planOfferFor(account),
      import('../i18n/plan-account.js'),
      import('../bill-summary/define.js'),
    ]);
    this.planWords = planAccountTranslations;
    this.planOffered = planOffered;
    this.account = account;
    // A bill found (perhaps another patient's): no earlier receipt is shown again on Back or Forward.
    this.made = undefined;
    this.view = 'bill';
    this.showLookup = false;
    this.sessionEnded = false;
    this.steps.push('bill');
    await this.updateComplete;
    // The step changed: move focus to the new step's heading so it is read out.
    this.renderRoot.querySelector('bill-summary')?.focusHeading();
  };

  private startPayment = async () => {
    this.flow++;
    this.steps.push('pay', this.flow);
    await this.showPayment();
  };

  private async showPayment() {
    // The payment form's code arrives when the patient chooses to pay, not with the page.
    await import('../pay-form/define.js');
    this.view = 'pay';
    this.paid = false;
    await this.updateComplete;
    const form = this.renderRoot.querySelector('pay-form');
    await form?.updateComplete;
    form?.focusHeading();
    return form;
  }

  private startPlan = async () => {
    this.steps.push('plan');
    await this.showPlan();
  };

  private async showPlan() {
    // The plan builder's code arrives when the patient asks for a plan, not with the page.
    await import('../plan-builder/define.js');
    this.view = 'plan';
    await this.updateComplete;
    this.renderRoot.querySelector('plan-builder')?.focusHeading();
  }

  private onPaid = (event: GlobalEventHandlersEventMap['payment-succeeded']) => {
    this.paid = true;
    this.made = { flow: this.flow, payment: event.detail.payment };
  };

  private onPayStep = (event: GlobalEventHandlersEventMap['pay-form-step']) => {
    const { step } = event.detail;
    this.steps.push(step === 'form' ? 'pay' : step, this.flow);
  };

  /** Back or Forward reached a step: show it, or pass over one that is gone (a finished payment's form and review). */
  private async onHistoryStep(entry: StepEntry<FlowStep>, direction: -1 | 1) {
    const { step, flow } = entry;
    if (step === 'lookup' || !this.account) {
      this.showLookup = Boolean(this.account);
      if (!this.account) this.view = 'bill';
      await this.updateComplete;
      this.renderRoot.querySelector('bill-lookup')?.focus();
      return;
    }
    this.showLookup = false;
    if (step === 'bill') return this.showBill();
    // A plan set up is on the bill now: Back and Forward pass over the steps that made it.
    if (step === 'plan') return this.account.plan ? this.steps.skip(direction) : this.showPlan();
    if (step === 'receipt') {
      const made = this.made?.flow === flow ? this.made.payment : undefined;
      if (!made) return this.steps.skip(direction);
      this.flow = flow;
      const form = await this.showPayment();
      this.paid = true;
      return form?.showReceipt(made);
    }
    if (this.made?.flow === flow) return this.steps.skip(direction);
    const current = this.view === 'pay' && this.flow === flow ? this.renderRoot.querySelector('pay-form') : null;
    this.flow = flow;
    const form = current ?? (await this.showPayment());
    const shown = await form?.showStep(step === 'review' ? 'review' : 'form');
    if (shown === 'busy') this.steps.stay(direction);
    else if (shown !== 'shown') this.steps.skip(direction);
  }

  /** Back to the bill, reloaded after a payment or from a plan so it shows the new balance, the payment or the plan. */
  private backToBill = async () => {
    this.steps.push('bill');
    await this.showBill();
  };

  private async showBill() {
    const connection = this.resolvedConnection;
    if ((this.paid || this.view === 'plan') && connection && this.sdk) {
      try {
        const account = await this.sdk.getAccount(connection);
        this.planOffered = await this.planOfferFor(account);
        this.account = account;
      } catch {
        // Shown as it was; an ended session is caught by the summary's own requests.
      }
    }
    this.view = 'bill';
    this.paid = false;
    await this.updateComplete;
    this.renderRoot.querySelector('bill-summary')?.focusHeading();
  }

  private onSessionExpired = async () => {
    this.view = 'bill';
    this.account = undefined;
    this.made = undefined;
    this.sessionEnded = true;
    await this.updateComplete;
    this.renderRoot.querySelector('bill-lookup')?.focus();
  };

  private startOver = async () => {
    if (this.resolvedConnection && this.sdk) await this.sdk.signOut(this.resolvedConnection);
    this.steps.push('lookup');
    this.account = undefined;
    this.made = undefined;
    this.sessionEnded = false;
    await this.updateComplete;
    this.renderRoot.querySelector('bill-lookup')?.focus();
  };

  protected override render() {
    const { t } = this.localize;
    const practice = this.loadedPractice;
    const status = this.practiceTask.status;
    // The lookup is drawn at once, so the patient can type while the practice is on its way (its
    // name and contact fill in when it arrives). Should the practice not load, the problem is
    // shown instead and the form only hidden, so what was typed is there again after "Try again".
    const failed = status === TaskStatus.ERROR;
    const unconfigured = status === TaskStatus.COMPLETE && !this.practiceTask.value;
    return html`
      <section class="base" part="base" aria-labelledby="heading">
        <header part="header">
          ${practice?.logo ? html`<img class="logo" part="logo" src=${this.assetUrl(practice.logo.url)} alt="" />` : nothing}
          <div>
            <div id="heading" class="heading" part="heading" role="heading" aria-level=${this.clampedLevel} tabindex="-1">
              ${t.payYourBill}
            </div>
            ${practice || !failed ? html`<p class="practice-name" part="practice-name">${practice?.name ?? nothing}</p>` : nothing}
          </div>
        </header>
        ${failed ? loadProblem(this.practiceTask.error, t, this.retry) : nothing}
        ${unconfigured ? nothing : html`<div class="step" ?hidden=${failed}>${this.renderStep()}</div>`}
        <slot></slot>
        ${practice ? practiceContact(practice, t, this.localize.locale) : nothing}
      </section>
    `;
  }

  private renderStep() {
    const { t } = this.localize;
    const level = Number(this.clampedLevel) + 1;
    if (this.account && this.showLookup) return html`<bill-lookup heading-level=${level} @bill-lookup-success=${this.onFound}></bill-lookup>`;
    if (this.account && this.view === 'pay') {
      return html`
        <pay-form
          .account=${this.account}
          heading-level=${level}
          card-capture=${this.cardCapture}
          @payment-succeeded=${this.onPaid}
          @pay-form-step=${this.onPayStep}
          @billpay-session-expired=${this.onSessionExpired}
        ></pay-form>
        <div class="step-actions">
          <button type="button" class="secondary" part="back-button" @click=${this.backToBill}>${t.backToBill}</button>
        </div>
      `;
    }
    if (this.account && this.view === 'plan') {
      return html`
        <plan-builder
          heading-level=${level}
          card-capture=${this.cardCapture}
          autopay-methods=${this.autopayMethods}
          @billpay-session-expired=${this.onSessionExpired}
        ></plan-builder>
        <div class="step-actions">
          <button type="button" class="secondary" part="back-button" @click=${this.backToBill}>${t.backToBill}</button>
        </div>
      `;
    }
    if (this.account) {
      const payable = Boolean(this.loadedPractice?.payments && this.sdk) && this.account.balanceCents >= (this.sdk?.MIN_PAYMENT_CENTS ?? Infinity);
      const planOffer = this.planOffered && !this.account.plan ? this.planWords?.[this.localize.locale].planOffer : undefined;
      return html`
        <bill-summary
          .account=${this.account}
          heading-level=${level}
          @billpay-session-expired=${this.onSessionExpired}
          @plan-canceled=${this.onPlanCanceled}
        >
          ${payable || planOffer
            ? html`<div slot="actions" class="pay-actions">
                ${payable ? html`<button type="button" part="pay-button" @click=${this.startPayment}>${t.makePayment}</button>` : nothing}
                ${planOffer
                  ? html`<button type="button" class="secondary" part="plan-button" @click=${this.startPlan}>${planOffer}</button>`
                  : nothing}
              </div>`
            : nothing}
        </bill-summary>
        <div class="step-actions">
          <button type="button" class="secondary" part="start-over-button" @click=${this.startOver}>${t.lookUpAnother}</button>
        </div>
      `;
    }
    return html`
      ${this.sessionEnded ? html`<p class="problem" part="problem" role="alert">${t.sessionExpired}</p>` : nothing}
      <bill-lookup heading-level=${level} @bill-lookup-success=${this.onFound}></bill-lookup>
    `;
  }

  private get clampedLevel(): string {
    return String(Math.min(6, Math.max(1, Math.trunc(this.headingLevel) || 2)));
  }

  private assetUrl(url: string): string {
    const base = this.resolvedConnection?.options.api;
    try {
      return base ? new URL(url, base).href : url;
    } catch {
      return url;
    }
  }
}
