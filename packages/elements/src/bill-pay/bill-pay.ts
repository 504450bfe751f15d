import { provide } from '@lit/context';
import { Task } from '@lit/task';
import { isApiError, isNetworkError, type Account, type BillPayClient, type Practice } from '@billpay/sdk';
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { BillPayElement } from '../base/billpay-element.js';
import '../bill-lookup/define.js';
import '../bill-summary/define.js';
import { clientFromAttributes } from '../client-from-attributes.js';
import { clientContext, localeContext, practiceContext } from '../context.js';
import { formatHours, telHref } from '../i18n/format.js';
import type { Locale } from '../i18n/locales.js';
import { tokens } from '../styles/shared.js';
import { billPayStyles } from './bill-pay.styles.js';

/**
 * The whole bill-payment flow for one practice, as a single element.
 *
 * @summary Pay a medical bill: find it, understand it, pay it.
 * @tag bill-pay
 *
 * @event billpay-ready - The practice has loaded. `detail.practice` is what the widget shows.
 * @event billpay-error - The practice could not be loaded. `detail.code` says why.
 *
 * @csspart base - The card around the whole flow.
 * @csspart header - The logo, heading and practice name.
 * @csspart logo - The practice's logo.
 * @csspart heading - The flow's heading.
 * @csspart practice-name - The practice's name under the heading.
 * @csspart status - The loading message.
 * @csspart problem - The message shown when loading failed, with its retry button.
 * @csspart retry-button - The "Try again" button.
 * @csspart contact - The billing office's phone, email, hours and financial-assistance link.
 * @csspart start-over-button - "Look up a different bill", which ends the session.
 *
 * @cssprop --billpay-font-family - Font of the widget. Default: the system UI font.
 * @cssprop --billpay-font-size - Base font size. Default: 1rem.
 * @cssprop --billpay-color-text - Text color.
 * @cssprop --billpay-color-muted - Secondary text color.
 * @cssprop --billpay-color-surface - Background of the card.
 * @cssprop --billpay-color-surface-raised - Background of raised areas.
 * @cssprop --billpay-color-border - Borders and dividers.
 * @cssprop --billpay-color-accent - Buttons and links.
 * @cssprop --billpay-color-on-accent - Text on accent-colored buttons.
 * @cssprop --billpay-color-danger - Error borders and text.
 * @cssprop --billpay-color-danger-surface - Background of error messages.
 * @cssprop --billpay-color-focus - The focus ring.
 * @cssprop --billpay-radius - Corner radius. Default: 8px.
 * @cssprop --billpay-space - Base spacing. Default: 1rem.
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
   * A ready-made SDK client (tests, Storybook, pages that configure `fetch`); when set, `api`
   * and `practice` are not used to make one.
   */
  @property({ attribute: false }) client: BillPayClient | undefined;

  @provide({ context: clientContext }) @state() protected resolvedClient: BillPayClient | undefined;
  @provide({ context: practiceContext }) @state() protected loadedPractice: Practice | undefined;
  @provide({ context: localeContext }) @state() protected providedLocale: Locale | undefined;

  @state() private account: Account | undefined;
  @state() private sessionEnded = false;

  @query('.heading') private headingElement!: HTMLElement;

  private readonly practiceTask = new Task(this, {
    task: async ([client]) => {
      if (!client) return undefined;
      try {
        const practice = await client.getPractice();
        this.loadedPractice = practice;
        this.emit('billpay-ready', { practice });
        return practice;
      } catch (error) {
        this.loadedPractice = undefined;
        const code = isApiError(error) || isNetworkError(error) ? error.code : 'unknown';
        this.emit('billpay-error', { code, message: (error as Error).message });
        throw error;
      }
    },
    args: () => [this.resolvedClient] as const,
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('client') || changed.has('api') || changed.has('practice')) {
      this.resolvedClient = this.client ?? clientFromAttributes(this.api, this.practice);
      this.account = undefined;
    }
    this.providedLocale = this.localize.locale;
  }


  private retry = async () => {
    // Keep keyboard focus in the widget while the retry button is replaced by the result.
    this.headingElement.focus();
    await this.practiceTask.run();
  };

  private onFound = async (event: GlobalEventHandlersEventMap['bill-lookup-success']) => {
    this.account = event.detail.account;
    this.sessionEnded = false;
    await this.updateComplete;
    // The step changed: move focus to the new step's heading so it is read out.
    this.renderRoot.querySelector('bill-summary')?.focusHeading();
  };

  private onSessionExpired = async () => {
    this.account = undefined;
    this.sessionEnded = true;
    await this.updateComplete;
    this.renderRoot.querySelector('bill-lookup')?.focus();
  };

  private startOver = async () => {
    await this.resolvedClient?.signOut();
    this.account = undefined;
    this.sessionEnded = false;
    await this.updateComplete;
    this.renderRoot.querySelector('bill-lookup')?.focus();
  };

  protected override render() {
    const { t } = this.localize;
    const practice = this.loadedPractice;
    return html`
      <section class="base" part="base" aria-labelledby="heading" aria-busy=${this.practiceTask.status === 1 ? 'true' : 'false'}>
        <header part="header">
          ${practice?.logo ? html`<img class="logo" part="logo" src=${this.assetUrl(practice.logo.url)} alt="" />` : nothing}
          <div>
            <div id="heading" class="heading" part="heading" role="heading" aria-level=${this.clampedLevel} tabindex="-1">
              ${t.payYourBill}
            </div>
            ${practice ? html`<p class="practice-name" part="practice-name">${practice.name}</p>` : nothing}
          </div>
        </header>
        ${this.practiceTask.render({
          pending: () => html`<p class="status" part="status" role="status">${t.loadingPractice}</p>`,
          complete: (loaded) => (loaded ? this.renderStep() : nothing),
          error: (error) => this.renderProblem(error),
        })}
        <slot></slot>
        ${practice ? this.renderContact(practice) : nothing}
      </section>
    `;
  }

  private renderStep() {
    const { t } = this.localize;
    const level = Number(this.clampedLevel) + 1;
    if (this.account) {
      return html`
        <bill-summary .account=${this.account} heading-level=${level} @billpay-session-expired=${this.onSessionExpired}></bill-summary>
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

  private renderProblem(error: unknown) {
    const { t } = this.localize;
    const detail = isNetworkError(error)
      ? t.loadFailedNetwork
      : isApiError(error) && error.status === 404
        ? t.loadFailedNotFound
        : t.loadFailedOther;
    return html`
      <div class="problem" part="problem" role="alert">
        <p class="problem-title">${t.loadFailedTitle}</p>
        <p>${detail}</p>
        <button type="button" part="retry-button" @click=${this.retry}>${t.tryAgain}</button>
      </div>
    `;
  }

  private renderContact(practice: Practice) {
    const { t, locale } = this.localize;
    const { contact } = practice;
    return html`
      <aside class="contact" part="contact" aria-labelledby="contact-title">
        <p id="contact-title" class="contact-title">${t.billingQuestions}</p>
        <ul>
          <li><a href=${telHref(contact.phone)}>${t.callBilling(contact.phone)}</a></li>
          <li><a href="mailto:${contact.email}">${t.emailBilling}</a> <span class="hint">${contact.email}</span></li>
          ${contact.hours.map((hours) => html`<li><span class="hint">${t.hours}: ${formatHours(hours, contact, locale)}</span></li>`)}
          ${practice.financialAssistanceUrl
            ? html`<li>
                <a href=${practice.financialAssistanceUrl} target="_blank" rel="noopener">
                  ${t.financialAssistance} <span class="visually-hidden">${t.opensInNewTab}</span>
                </a>
                <span class="hint">${t.financialAssistanceHint}</span>
              </li>`
            : nothing}
        </ul>
      </aside>
    `;
  }

  private get clampedLevel(): string {
    return String(Math.min(6, Math.max(1, Math.trunc(this.headingLevel) || 2)));
  }

  private assetUrl(url: string): string {
    const base = this.resolvedClient?.options.api;
    try {
      return base ? new URL(url, base).href : url;
    } catch {
      return url;
    }
  }
}
