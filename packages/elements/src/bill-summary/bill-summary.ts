import { consume } from '@lit/context';
import { cancelPlan, getAccount, getPractice, getStatement, isApiError, isSessionExpiredError, type BillPayConnection } from '@billpay/sdk/core';
import type { Account, BillPayClient, Statement, StatementSummary } from '@billpay/sdk';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { BillPayElement } from '../base/billpay-element.js';
import { connectionContext } from '../context.js';
import { dataTableStyles } from '../data-table/data-table.styles.js';
import { billBook } from '../i18n/bill.js';
import { formatDate, money, withPhone } from '../i18n/format.js';
import { loadBook, wordsOf } from '../i18n/locales.js';
import { planAccountBook } from '../i18n/plan-account.js';
import { tokens } from '../styles/shared.js';
import { billSummaryStyles } from './bill-summary.styles.js';
import { itemizedBill } from './itemized-bill.js';
import { billWords, chargeNotes, chargesTable, dueLine, feesTable, paymentsTable, statementDue } from './statement-details.js';

type Detail = { status: 'loading' } | { status: 'loaded'; statement: Statement } | { status: 'error' };

/**
 * What a patient owes and why: balance and due date, what the practice's policy does next,
 * statements with itemized charges and the insurer's decisions in plain language, fees and
 * payments, and an itemized bill to print.
 *
 * @summary An account: balance, notices, statements, line items, fees and payments.
 * @tag bill-summary
 *
 * @fires billpay-session-expired - The session ended (idle for 15 minutes); the bill must be found again.
 * @fires plan-canceled - The patient canceled their payment plan. `detail.account` is the account as it now is.
 *
 * @slot actions - Shown under the balance, e.g. the flow's "Make a payment" button.
 *
 * @csspart base - The account view.
 * @csspart heading - Whose bill this is.
 * @csspart balance - The balance and due date.
 * @csspart notice - What happens next (due, a payment plan's next payment, past due, letter, collections).
 * @csspart dispute - A bill the patient may dispute against a Good Faith Estimate, and how.
 * @csspart plan - The account's payment plan: its terms, what is paid and left, and whether it fell behind.
 * @csspart cancel-plan-button - "Cancel this plan", which asks first.
 * @csspart cancel-plan-confirm - "Yes, cancel the plan", once asked.
 * @csspart keep-plan-button - "Keep the plan", once asked.
 * @csspart plan-canceled - The message that the plan was canceled.
 * @csspart statement - One statement.
 * @csspart details-button - "Show itemized charges".
 * @csspart charges - A statement's itemized charges: a table, its rows shown as cards where its columns do not fit.
 * @csspart fees - The account's fees (a table).
 * @csspart payments - The payments made (a table).
 * @csspart print-button - "Print itemized bill".
 *
 * @cssprop --billpay-color-surface-raised - Background of the balance and notices.
 */
export class BillSummary extends BillPayElement {
  static override styles = [tokens, dataTableStyles, billSummaryStyles];

  constructor() {
    super();
    // Drawn in these books' words too: each update waits for the element's language of them.
    this.localize.uses(billBook, planAccountBook);
  }

  /** The account to show, as `lookup()` or `getAccount()` returned it. */
  @property({ attribute: false }) account: Account | undefined;

  /** Level of the view's heading (1-5); statements use the next level. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  /** An SDK client with the account's session; by default the one `<bill-pay>` provides. */
  @property({ attribute: false }) client: BillPayClient | undefined;

  @consume({ context: connectionContext, subscribe: true }) @state() private contextConnection: BillPayConnection | undefined;

  @state() private details = new Map<string, Detail>();
  @state() private expanded = new Set<string>();
  @state() private preparingPrint = false;
  /** The itemized bill could not be put together (a statement did not load). */
  @state() private printFailed = false;
  /** Canceling the payment plan: asked, working, failed; `done` shows that it was canceled. */
  @state() private cancelStep: 'idle' | 'confirm' | 'busy' | 'failed' | 'done' = 'idle';
  /** Why canceling failed: a plan payment is at the processor right now, or anything else. */
  @state() private cancelFailure: 'payment_in_progress' | 'other' = 'other';

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Another plan on the account (or another account): the last cancellation's words go.
    if (changed.has('account') && this.account?.plan) this.cancelStep = 'idle';
  }

  /** Moves focus to the view's heading, e.g. when the flow arrives at this step. */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('#account-heading')?.focus();
  }

  private get activeConnection(): BillPayConnection | undefined {
    return this.client?.connection ?? this.contextConnection;
  }

  private get level() {
    return Math.min(5, Math.max(1, Math.trunc(this.headingLevel) || 2));
  }

  /** Statements being loaded: asking again (opening one while printing) waits for the same answer. */
  private loading = new Map<string, Promise<void>>();

  private load(id: string): Promise<void> {
    if (this.details.get(id)?.status === 'loaded') return Promise.resolve();
    const connection = this.activeConnection;
    if (!connection) return Promise.resolve();
    const pending = this.loading.get(id) ?? this.fetchStatement(connection, id).finally(() => this.loading.delete(id));
    this.loading.set(id, pending);
    return pending;
  }

  private async fetchStatement(connection: BillPayConnection, id: string): Promise<void> {
    this.details = new Map(this.details).set(id, { status: 'loading' });
    try {
      const statement = await getStatement(connection, id);
      this.details = new Map(this.details).set(id, { status: 'loaded', statement });
    } catch (error) {
      this.details = new Map(this.details).set(id, { status: 'error' });
      if (isSessionExpiredError(error)) this.emit('billpay-session-expired', {});
    }
  }

  private toggle(id: string) {
    return async () => {
      const expanded = new Set(this.expanded);
      if (expanded.has(id)) expanded.delete(id);
      else {
        expanded.add(id);
        if (this.details.get(id)?.status === 'error') this.details.delete(id);
      }
      this.expanded = expanded;
      if (expanded.has(id)) await this.load(id);
    };
  }

  /**
   * Prints the itemized bill as a document of its own (the practice, the patient's account, every
   * statement itemized), not the page around it. Its code and words arrive when asked for.
   */
  private print = async () => {
    const account = this.account;
    const connection = this.activeConnection;
    if (!account || !connection || this.preparingPrint) return;
    this.preparingPrint = true;
    this.printFailed = false;
    try {
      const [printing, practice] = await Promise.all([
        import('../print/print-document.js'),
        getPractice(connection),
        ...account.statements.map((s) => this.load(s.id)),
      ]);
      const statements = account.statements.flatMap((s) => {
        const detail = this.details.get(s.id);
        return detail?.status === 'loaded' ? [detail.statement] : [];
      });
      if (statements.length < account.statements.length) throw new Error('A statement could not be loaded.');
      const { locale } = this.localize;
      await loadBook(printing.printBook, locale);
      this.preparingPrint = false;
      await printing.printDocument({
        title: wordsOf(printing.printBook, locale).itemizedBillTitle,
        locale,
        practice,
        account,
        content: itemizedBill(account, statements, locale),
        styles: [dataTableStyles, billSummaryStyles],
      });
    } catch (error) {
      // An ended session was said already, by the statement that could not load.
      if (!isSessionExpiredError(error)) this.printFailed = true;
    } finally {
      this.preparingPrint = false;
    }
  };

  protected override render() {
    const account = this.account;
    if (!account) return nothing;
    const { locale } = this.localize;
    const words = billWords(locale);
    const { t } = words;
    const due = dueLine(account, words);
    return html`
      <section part="base" aria-labelledby="account-heading">
        <div id="account-heading" class="heading" part="heading" role="heading" aria-level=${this.level} tabindex="-1">
          ${t.accountHeading(account.patient.firstName, account.patient.lastInitial)}
        </div>
        <p class="muted">${t.accountNumber(account.accountNumber)}</p>
        <div class="balance" part="balance">
          <span class="label">${t.balanceLabel}</span>
          <span class="amount">${money(Math.max(0, account.balanceCents), locale)}</span>
          ${due ? html`<span>${due}</span>` : nothing}
        </div>
        <slot name="actions"></slot>
        ${this.cancelStep === 'done'
          ? html`<p id="plan-canceled" class="notice" part="plan-canceled" role="status" tabindex="-1">
              ${wordsOf(planAccountBook, this.localize.locale).planCanceled}
            </p>`
          : nothing}
        ${this.renderNotice(account)} ${this.renderPlan(account)} ${this.renderDisputes(account)} ${this.renderAging(account)}
        <div class="subheading" role="heading" aria-level=${this.level + 1}>${t.statementsTitle}</div>
        ${account.statements.length ? account.statements.map((s) => this.renderStatement(s)) : html`<p>${t.noStatements}</p>`}
        ${this.renderFees(account)} ${this.renderPayments(account)}
        <div class="actions">
          <button type="button" class="secondary" part="print-button" @click=${this.print} aria-disabled=${this.preparingPrint ? 'true' : 'false'}>
            ${t.printItemized}
          </button>
        </div>
        ${this.printFailed ? html`<p class="error" role="alert">${t.detailsFailed}</p>` : nothing}
        <p class="visually-hidden" role="status">${this.preparingPrint ? t.preparingPrint : ''}</p>
      </section>
    `;
  }

  private renderNotice(account: Account) {
    const { locale } = this.localize;
    const { t } = billWords(locale);
    const step = account.nextStep;
    const date = (iso: string) => formatDate(iso, locale);
    const automatic = account.plan?.mode === 'automatic';
    const plan = wordsOf(planAccountBook, locale);
    switch (step.kind) {
      case 'plan_due':
        return html`<p class="notice" part="notice">${plan.planNoticeDue(money(step.amountCents, locale), date(step.dueDate), automatic)}</p>`;
      case 'plan_behind':
        return html`<p class="notice warning" part="notice">${plan.planOnBillRetry(money(step.behindCents, locale), date(step.dueDate), automatic)}</p>`;
      case 'paid_in_full':
        return html`<p class="notice" part="notice">${t.paidInFull}</p>`;
      case 'credit':
        return html`<p class="notice" part="notice">${t.creditBalance(money(step.creditCents, locale))}</p>`;
      case 'due':
        return html`<p class="notice" part="notice">${t.noticeDue(date(step.dueDate))}</p>`;
      case 'past_due':
        return html`<p class="notice warning" part="notice">${t.noticePastDue(date(step.dueDate), date(step.letterOn))}</p>`;
      case 'letter_sent':
        return html`<p class="notice warning" part="notice">${t.noticeLetterSent(date(step.letterMailedOn), date(step.collectionsOn))}</p>`;
      case 'in_collections':
        return html`<p class="notice warning" part="notice">${t.noticeInCollections(date(step.referredOn))}</p>`;
    }
  }

  /** The payment plan running on the account: its terms, what is paid and left, and whether it fell behind (its next payment is the notice). */
  private renderPlan(account: Account) {
    const plan = account.plan;
    if (!plan) return nothing;
    const { locale } = this.localize;
    const w = wordsOf(planAccountBook, locale);
    const date = (iso: string) => formatDate(iso, locale);
    const automatic = plan.mode === 'automatic';
    const behind = plan.status === 'delinquent';
    return html`
      <section class="notice plan ${behind ? 'warning' : ''}" part="plan" aria-labelledby="plan-title">
        <div id="plan-title" class="dispute-heading" role="heading" aria-level=${this.level + 1}>${w.planOnBillTitle}</div>
        ${behind && plan.delinquentSince ? html`<p><strong>${w.planDelinquent(date(plan.delinquentSince), automatic)}</strong></p>` : nothing}
        ${behind && plan.behindCents > 0 ? html`<p>${w.planCatchUp(money(plan.behindCents, locale), automatic)}</p>` : nothing}
        <p>${w.planOnBillTerms(plan.frequency, automatic)}</p>
        <p>${w.planOnBillProgress(money(plan.paidCents, locale), money(plan.remainingCents, locale), plan.paymentsLeft)}</p>
        ${automatic ? nothing : html`<p>${w.planOnBillManual}</p>`}
        <p>${w.planPayOffHint}</p>
        ${this.cancelStep === 'confirm' || this.cancelStep === 'busy' || this.cancelStep === 'failed'
          ? html`<div class="plan-cancel" role="group" aria-labelledby="plan-cancel-question">
              <p id="plan-cancel-question">${w.planCancelConfirm(money(plan.remainingCents, locale))}</p>
              ${this.cancelStep === 'failed'
                ? html`<p class="error" role="alert">${this.cancelFailure === 'payment_in_progress' ? w.planCancelBusy : w.planCancelFailed}</p>`
                : nothing}
              <div class="actions">
                <button type="button" part="cancel-plan-confirm" aria-disabled=${this.cancelStep === 'busy' ? 'true' : 'false'} @click=${this.cancelPlan}>
                  ${this.cancelStep === 'busy' ? w.planCanceling : w.planCancelYes}
                </button>
                <button type="button" class="secondary" part="keep-plan-button" ?hidden=${this.cancelStep === 'busy'} @click=${this.keepPlan}>${w.planCancelNo}</button>
              </div>
            </div>`
          : html`<button type="button" class="link" part="cancel-plan-button" @click=${this.askCancel}>${w.planCancel}</button>`}
      </section>
    `;
  }

  private askCancel = async () => {
    this.cancelStep = 'confirm';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part="keep-plan-button"]')?.focus();
  };

  private keepPlan = async () => {
    this.cancelStep = 'idle';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part="cancel-plan-button"]')?.focus();
  };

  /** Cancels the plan, then shows the account as it now is (and tells the flow around it). */
  private cancelPlan = async () => {
    const plan = this.account?.plan;
    const connection = this.activeConnection;
    if (!plan || !connection || this.cancelStep === 'busy') return;
    this.cancelStep = 'busy';
    try {
      await cancelPlan(connection, plan.id);
      const account = await getAccount(connection);
      this.account = account;
      this.cancelStep = 'done';
      this.emit('plan-canceled', { account });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#plan-canceled')?.focus();
    } catch (error) {
      if (isSessionExpiredError(error)) {
        this.emit('billpay-session-expired', {});
        return;
      }
      this.cancelFailure = isApiError(error) && error.code === 'plan_busy' ? 'payment_in_progress' : 'other';
      this.cancelStep = 'failed';
    }
  };

  /** Bills this account may dispute against a Good Faith Estimate: why, by when, and how to start. */
  private renderDisputes(account: Account) {
    const disputes = account.disputes ?? [];
    if (!disputes.length) return nothing;
    const { locale } = this.localize;
    const { t } = billWords(locale);
    const date = (iso: string) => formatDate(iso, locale);
    return disputes.map(
      (dispute) => html`
        <section class="notice dispute" part="dispute" aria-labelledby="dispute-${dispute.statementId}">
          <div id="dispute-${dispute.statementId}" class="dispute-heading" role="heading" aria-level=${this.level + 1}>${t.disputeTitle}</div>
          <p class="muted">${t.disputeBill(date(dispute.billedOn))}</p>
          ${dispute.providers.map(
            (provider) =>
              html`<p>${t.disputeWhy(provider.name, money(provider.billedCents, locale), money(provider.overCents, locale), money(provider.expectedCents, locale))}</p>`,
          )}
          <p>${t.disputeRule}</p>
          <p><strong>${t.disputeBy(date(dispute.startBy))}</strong></p>
          <p>${t.disputeHow(money(dispute.howToStart.feeCents, locale))}</p>
          <p>
            <a href=${dispute.howToStart.url} target="_blank" rel="noopener">${t.disputeLink} <span class="visually-hidden">${t.opensInNewTab}</span></a>
          </p>
          <p>${withPhone(t.disputeCall(dispute.howToStart.phone), dispute.howToStart.phone)}</p>
          <p>${t.disputeCare}</p>
        </section>
      `,
    );
  }

  private renderAging(account: Account) {
    const { locale } = this.localize;
    const { t } = billWords(locale);
    const { currentCents, days30Cents, days60Cents, days90PlusCents } = account.aging;
    // Only worth a table once some of the balance is past its first 30 days.
    if (days30Cents + days60Cents + days90PlusCents === 0) return nothing;
    const rows: [string, number][] = [
      [t.agingCurrent, currentCents],
      [t.aging30, days30Cents],
      [t.aging60, days60Cents],
      [t.aging90, days90PlusCents],
    ];
    return html`
      <div class="subheading" role="heading" aria-level=${this.level + 1}>${t.agingTitle}</div>
      <dl>
        ${rows.map(([label, cents]) => html`<dt>${label}</dt><dd>${money(cents, locale)}</dd>`)}
      </dl>
    `;
  }

  private renderStatement(summary: StatementSummary) {
    const { locale } = this.localize;
    const { t } = billWords(locale);
    const expanded = this.expanded.has(summary.id);
    const regionId = `details-${summary.id}`;
    const headingId = `heading-${summary.id}`;
    return html`
      <article class="statement" part="statement" aria-labelledby=${headingId}>
        <div id=${headingId} class="statement-heading" role="heading" aria-level=${this.level + 2}>
          ${t.statementOf(formatDate(summary.statementDate, locale))}
        </div>
        <p class="muted">${t.servicePeriod(formatDate(summary.periodStart, locale), formatDate(summary.periodEnd, locale))}</p>
        <dl>
          <dt>${t.statementAmount}</dt>
          <dd>${money(summary.amountCents, locale)}</dd>
          <dt>${t.statementOpen}</dt>
          <dd>${money(summary.openCents, locale)}</dd>
          <dt>${t.statementDue}</dt>
          <dd>${this.account ? statementDue(summary, this.account, billWords(locale)) : nothing}</dd>
        </dl>
        <button type="button" class="link" part="details-button" aria-expanded=${expanded ? 'true' : 'false'} aria-controls=${regionId} @click=${this.toggle(summary.id)}>
          ${expanded ? t.hideDetails : t.showDetails}
        </button>
        <div id=${regionId} ?hidden=${!expanded}>${expanded ? this.renderDetail(summary) : nothing}</div>
      </article>
    `;
  }

  private renderDetail(summary: StatementSummary) {
    const { t } = billWords(this.localize.locale);
    const detail = this.details.get(summary.id);
    if (!detail || detail.status === 'loading') return html`<p role="status">${t.loadingDetails}</p>`;
    if (detail.status === 'error') return html`<p role="alert">${t.detailsFailed}</p>`;
    const coverage = this.account?.coverage ?? 'insured';
    const words = billWords(this.localize.locale);
    return html`
      ${chargesTable(detail.statement, coverage, words, `charges-${summary.id}`)}
      ${chargeNotes(detail.statement, coverage, words, this.level + 3)}
    `;
  }

  /** Fees not tied to one of the statements shown (a statement's own fees are among its charges). */
  private renderFees(account: Account) {
    const statements = new Set(account.statements.map((s) => s.id));
    const fees = account.fees.filter((fee) => fee.statementId === null || !statements.has(fee.statementId));
    return fees.length ? feesTable(fees, billWords(this.localize.locale), 'fees', this.level + 1) : nothing;
  }

  private renderPayments(account: Account) {
    return account.payments.length ? paymentsTable(account.payments, billWords(this.localize.locale), 'payments', this.level + 1) : nothing;
  }
}
