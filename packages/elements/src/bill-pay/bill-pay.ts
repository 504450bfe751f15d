import { provide } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { isApiError, isNetworkError } from '@billpay/sdk/checks';
import type { BillPayConnection } from '@billpay/sdk/connection';
import type { BillPayClient, Practice } from '@billpay/sdk';
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { BillPayElement } from '../base/billpay-element.js';
import { tellDeveloper } from '../base/developer-console.js';
import '../bill-lookup/define.js';
import { connectionContext, localeContext, practiceContext } from '../context.js';
import type { Locale } from '../i18n/locales.js';
import type * as FirstScreenSdk from '../first-screen-sdk.js';
import { loadFirstScreenSdk } from '../load-first-screen-sdk.js';
import { tokens } from '../styles/shared.js';
import { billPayStyles } from './bill-pay.styles.js';
import { loadProblem, practiceContact } from './bill-pay-parts.js';
import { StepHistory, type StepEntry } from '../history/step-history.js';
import type { AccountSteps, FlowStep } from './account-steps.js';

/**
 * The whole bill-payment flow for one practice, as a single element.
 *
 * @summary Pay a medical bill: find it, understand it, pay it.
 * @tag bill-pay
 *
 * @fires billpay-ready - The practice has loaded. `detail.practice` is what the widget shows.
 * @fires billpay-error - The practice could not be loaded. `detail.code` says why.
 * @fires bill-lookup-success - From its `<bill-lookup>` (events bubble out of the flow): a bill was found. `detail.account` is the account.
 * @fires payment-succeeded - From its `<pay-form>`: the payment was taken (or, for a bank account, sent). `detail.payment` is the receipt.
 * @fires payment-failed - From its `<pay-form>`: a payment was declined or could not be made. `detail.code` says why.
 * @fires pay-form-step - From its `<pay-form>`: the patient moved to another step (`detail.step`: form, review, receipt).
 * @fires plan-created - From its `<plan-builder>`: the plan was set up. `detail.plan` is the plan with its schedule.
 * @fires plan-method-changed - From its `<plan-builder>`: the automatic plan's payment method was changed. `detail.plan` is the plan as it now is.
 * @fires plan-canceled - From its `<bill-summary>`: the patient canceled their payment plan. `detail.account` is the account as it now is.
 * @fires billpay-session-expired - From the element showing the bill: the session ended; the bill must be found again.
 * @fires message-preferences-changed - From its `<message-preferences>`: the patient changed what they receive. `detail.preferences` is how it now is.
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
 * @csspart plan-method-button - "Change payment method", for a plan paid automatically (a link from the billing office opens it at once).
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

  @state() private sessionEnded = false;
  /** Back from the bill to the lookup: shown while the account is kept, so Forward returns to it. */
  @state() private showLookup = false;

  /** How `<pay-form>` and `<plan-builder>` capture cards: `hosted` (default, the processor's iframe) or `direct`. */
  @property({ attribute: 'card-capture' }) cardCapture: 'hosted' | 'direct' = 'hosted';

  /** How `<plan-builder>` may take automatic payments, space-separated: `bank`, `card` (default both). */
  @property({ attribute: 'autopay-methods' }) autopayMethods = 'bank card';

  @query('.heading') private headingElement!: HTMLElement;

  /** Back and Forward move between the flow's steps instead of leaving the page. */
  private readonly steps = new StepHistory<FlowStep>(this, { key: 'billpay', onStep: (entry, direction) => void this.onHistoryStep(entry, direction) });
  /** The SDK's operations, once they have arrived (they come beside the lookup form, not before it). */
  private sdk: typeof FirstScreenSdk | undefined;
  /** The account found and its steps (its bill, paying it, a plan), whose code arrives with the bill (the lookup needs none of it). */
  private accountSteps: AccountSteps | undefined;

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
      this.accountSteps?.leave();
    }
    this.providedLocale = this.localize.locale;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // The practice's brand colour, under the page's own --billpay-color-accent (a CSSOM write, which a strict CSP allows).
    if (changed.has('loadedPractice' as keyof BillPay)) this.style.setProperty('--_practice-accent', this.loadedPractice?.branding?.accentColor ?? '');
  }


  private retry = async () => {
    // Keep keyboard focus in the widget while the retry button is replaced by the result.
    this.headingElement.focus();
    await this.practiceTask.run();
  };

  private onFound = async (event: GlobalEventHandlersEventMap['bill-lookup-success']) => {
    // The account's steps come with the bill (billpay.js fetches them beside the lookup, so they are usually here already).
    const { AccountSteps } = await import('./account-steps.js');
    this.accountSteps ??= new AccountSteps(this, {
      localize: this.localize,
      steps: this.steps,
      connection: () => this.resolvedConnection,
      practice: () => this.loadedPractice,
      sdk: () => this.sdk,
      cardCapture: () => this.cardCapture,
      autopayMethods: () => this.autopayMethods,
      showingBill: () => {
        this.showLookup = false;
        this.sessionEnded = false;
      },
      toLookup: async (sessionEnded) => {
        this.sessionEnded = sessionEnded;
        await this.updateComplete;
        this.renderRoot.querySelector('bill-lookup')?.focus();
      },
    });
    await this.accountSteps.found(event.detail);
  };

  /** Back or Forward reached a step: the lookup here, the account's steps in their own module. */
  private async onHistoryStep(entry: StepEntry<FlowStep>, direction: -1 | 1) {
    const account = this.accountSteps?.account;
    if (entry.step === 'lookup' || !account) {
      this.showLookup = Boolean(account);
      await this.updateComplete;
      this.renderRoot.querySelector('bill-lookup')?.focus();
      return;
    }
    this.showLookup = false;
    return this.accountSteps?.show(entry, direction);
  }

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
    const level = Number(this.clampedLevel) + 1;
    if (this.accountSteps?.account) {
      if (!this.showLookup) return this.accountSteps.render(level);
      return html`<bill-lookup heading-level=${level} @bill-lookup-success=${this.onFound}></bill-lookup>`;
    }
    return html`
      ${this.sessionEnded ? html`<p class="problem" part="problem" role="alert">${this.localize.t.sessionExpired}</p>` : nothing}
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
