import { html, nothing, css } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { getAccountAudit, getAccountDetail, type AccountDetail, type AuditTrail, type FeeView, type PracticePayment } from '@billpay/sdk/admin';
import { getAccountNotices, resendStatement, sendPlanMethodLink, type AccountNotice } from '@billpay/sdk/admin-desk';
import { ConsolePage, pageStyles } from '../app/console-page.js';
import { deskWords, type DeskWords } from '../i18n/desk.js';
import { problemWords } from '../app/problems.js';
import { BASE } from '../app/routes.js';
import '../money/define.js';
import type { ConsoleMoneyDialog } from '../money/money-dialog.js';
import '../plans/plan-dialog.js';
import type { ConsolePlanDialog } from '../plans/plan-dialog.js';
import { plansSection } from '../plans/plan-section.js';
import type { ConsolePhoneDialog } from '../phone/phone-dialog.js';
import type { NoticeQueuedEvent } from '../phone/receipt-email.js';
import { takePaymentLabel } from '../i18n/phone-button.js';
import { noticesWords } from '../i18n/notices.js';
import { noticesSection } from './notices-section.js';
import '../messages/messages-section.js';
import { messagesWords } from '../i18n/messages.js';
import { auditSection, feesSection, ledgerSection, paymentsSection, profileSection, statementsSection, type SectionContext } from './account-sections.js';

/**
 * One account as staff see it: who the patient is, the statements with their line items and
 * insurer notes, the ledger, payments with processor references and refunds, plans with their
 * schedule and charge attempts, fees, the messages sent and what the patient receives (stopped here
 * at their request), and the audit trail. Refunds, fees and plans (cancel, skip or
 * move an installment, change the amount left) are changed through a dialog, for staff
 * whose role allows it; the account is read again after each change.
 */
@customElement('console-account')
export class ConsoleAccount extends ConsolePage {
  static override styles = [
    pageStyles,
    css`
      .profile {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
        gap: 0.5rem 1.5rem;
        margin: 0;
      }
      .profile dt {
        font-weight: 600;
        color: var(--_muted);
      }
      .profile dd {
        margin: 0;
      }
      .note {
        display: block;
        color: var(--_muted);
        font-size: 0.9375rem;
      }
      section + section {
        border-top: 1px solid var(--_border);
        margin-top: var(--_space);
      }
    `,
  ];

  @property() accountId = '';
  @property({ type: Boolean }) mayChangeMoney = false;
  @state() private detail: AccountDetail | undefined;
  @state() private trail: AuditTrail | undefined;
  /**
   * What went wrong or was done, kept as facts rather than words (the error, the masked address),
   * so that they are said in the language shown now, also after staff switch it.
   */
  @state() private failure: unknown;
  @state() private notices: readonly AccountNotice[] | undefined;
  /** The statements being sent again right now (their buttons wait). */
  @state() private resending: ReadonlySet<string> = new Set();
  @state() private resendFailure: unknown;
  /** Where the statement sent again went (masked), once it is queued. */
  @state() private resentTo: string | undefined;
  /** The plans whose "change the payment method" link is being sent right now, and how the last one went. */
  @state() private linking: ReadonlySet<string> = new Set();
  @state() private linkFailure: unknown;
  @state() private linkSentTo: string | undefined;
  @query('console-money-dialog') private dialog!: ConsoleMoneyDialog;
  @query('console-plan-dialog') private planDialog!: ConsolePlanDialog;
  @query('console-phone-dialog') private phoneDialog!: ConsolePhoneDialog;
  #loaded = '';
  /** Each statement's Idempotency-Key until it is queued, so that a retry after a network failure sends one. */
  readonly #resendKeys = new Map<string, string>();
  /** The latest read of the notices: an answer to an earlier one (sent before a notice was queued) is not shown over it. */
  #noticesRead = 0;
  /** The latest read of the audit trail, likewise: an older answer never replaces a newer one. */
  #trailRead = 0;
  /** Each plan's Idempotency-Key for its link until it is queued, likewise. */
  readonly #linkKeys = new Map<string, string>();

  override get t(): DeskWords {
    return deskWords(this.locale);
  }

  override willUpdate(): void {
    if (this.desk && this.accountId && this.#loaded !== this.accountId) {
      this.#loaded = this.accountId;
      void this.load();
    }
  }

  private async load() {
    const id = this.accountId;
    this.failure = undefined;
    const read = (this.#noticesRead += 1);
    const trailRead = (this.#trailRead += 1);
    try {
      const [detail, trail, notices] = await Promise.all([
        this.desk.run((c) => getAccountDetail(c, id)),
        this.desk.run((c) => getAccountAudit(c, id)),
        this.desk.run((c) => getAccountNotices(c, id)),
      ]);
      if (id !== this.accountId) return;
      this.detail = detail;
      if (trailRead === this.#trailRead) this.trail = trail;
      if (read === this.#noticesRead) this.notices = notices.notices;
    } catch (error) {
      this.failure = error;
    }
  }

  override render() {
    const t = this.t;
    const notices = noticesWords(this.locale);
    const detail = this.detail;
    const back = html`<p><a href=${BASE} @click=${this.backToSearch}>${t.backToSearch}</a></p>`;
    const problem = this.failure === undefined ? '' : problemWords(this.failure, t);
    if (!detail || detail.id !== this.accountId) {
      return html`${back}<h1 tabindex="-1">${problem ? t.findAccountLink : t.loading}</h1><p class="problem" role="alert">${problem}</p>`;
    }
    const linkWords = { ...notices, problems: { ...notices.problems, ...notices.methodLinkProblems } };
    const ctx: SectionContext = {
      t,
      locale: this.locale,
      mayChangeMoney: this.mayChangeMoney,
      onRefund: (payment: PracticePayment, opener: HTMLElement) => void this.dialog.open({ kind: 'refund', accountId: detail.id, payment }, opener),
      onWaive: (fee: FeeView, opener: HTMLElement) => void this.dialog.open({ kind: 'waive', accountId: detail.id, fee }, opener),
      onPlanEdit: (edit, opener) => void this.planDialog.open(edit, opener),
      methodLink: this.mayChangeMoney
        ? {
            label: notices.methodLink,
            busy: (planId) => this.linking.has(planId),
            onSend: (planId) => void this.sendMethodLink(planId),
            done: this.linkSentTo === undefined ? '' : notices.methodLinkSent(this.linkSentTo),
            problem: this.linkFailure === undefined ? '' : problemWords(this.linkFailure, linkWords),
          }
        : undefined,
      resend: this.mayChangeMoney ? { label: notices.resend, busy: (statementId) => this.resending.has(statementId), onResend: (statementId) => void this.resend(statementId) } : undefined,
    };
    const section = (id: string, title: string, body: unknown, extra: unknown = nothing) =>
      html`<section aria-labelledby="${id}-title"><h2 id="${id}-title">${title}</h2>${extra}${body}</section>`;
    const name = `${detail.profile.firstName} ${detail.profile.lastName}`;
    return html`
      ${back}
      <h1 tabindex="-1">${t.accountOf(name)}</h1>
      <p class="problem" role="alert">${problem}</p>
      ${section('profile', t.profileTitle, profileSection(detail, ctx))}
      ${section(
        'statements',
        t.statementsTitle,
        statementsSection(detail, ctx),
        html`<p class="problem" role="alert">${this.resendFailure === undefined ? '' : problemWords(this.resendFailure, notices)}</p>
          <p role="status">${this.resentTo === undefined ? '' : notices.resent(this.resentTo)}</p>`,
      )}
      ${section('ledger', t.ledgerTitle, ledgerSection(detail, ctx))}
      ${section(
        'payments',
        t.paymentsTitle,
        paymentsSection(detail, ctx),
        this.mayChangeMoney ? html`<p><button type="button" @click=${this.takePayment}>${takePaymentLabel[this.locale]}</button></p>` : nothing,
      )}
      ${section('plans', t.plansTitle, plansSection(detail, ctx))}
      ${section(
        'fees',
        t.feesTitle,
        feesSection(detail, ctx),
        this.mayChangeMoney
          ? html`<p><button type="button" class="secondary" @click=${(e: Event) => void this.dialog.open({ kind: 'add-fee', accountId: detail.id }, e.currentTarget as HTMLElement)}>${t.addFee}</button></p>`
          : nothing,
      )}
      ${section('notices', notices.noticesTitle, noticesSection(this.notices, notices, this.locale))}
      ${section(
        'messages',
        messagesWords(this.locale).messagesTitle,
        html`<console-messages .desk=${this.desk} locale=${this.locale} account-id=${detail.id} ?may-change=${this.mayChangeMoney} @console-messages-stopped=${() => this.readTrail(detail.id)}></console-messages>`,
      )}
      ${section('audit', t.auditTitle, auditSection(this.trail, ctx))}
      <console-money-dialog .desk=${this.desk} locale=${this.locale} @console-money-changed=${this.changed}></console-money-dialog>
      <console-plan-dialog .desk=${this.desk} locale=${this.locale} @console-money-changed=${this.changed}></console-plan-dialog>
      <console-phone-dialog .desk=${this.desk} locale=${this.locale} @console-money-changed=${this.changed} @console-notice-queued=${this.noticeQueued}></console-phone-dialog>
    `;
  }

  /** The phone payment dialog is loaded the first time it is asked for: most visits never take a payment. */
  private takePayment = async (event: Event) => {
    const opener = event.currentTarget as HTMLElement;
    await import('../phone/define.js');
    await customElements.whenDefined('console-phone-dialog');
    if (this.detail) await this.phoneDialog.open(this.detail, opener);
  };

  /** Queues the statement's notice again, once however often it is clicked; the notices list shows it at once. */
  private async resend(statementId: string) {
    const accountId = this.accountId;
    const key = this.#resendKeys.get(statementId) ?? crypto.randomUUID();
    this.#resendKeys.set(statementId, key);
    this.resending = new Set(this.resending).add(statementId);
    this.resendFailure = undefined;
    this.resentTo = undefined;
    try {
      const notice = await this.desk.run((c) => resendStatement(c, accountId, statementId, { idempotencyKey: key }));
      this.#resendKeys.delete(statementId);
      this.resentTo = notice.to;
      this.showNotice(accountId, notice);
      this.readTrail(accountId);
    } catch (error) {
      // The key is kept: after a network failure the next press is the same request again (a refusal queued nothing under it).
      this.resendFailure = error;
    } finally {
      const rest = new Set(this.resending);
      rest.delete(statementId);
      this.resending = rest;
    }
  }

  /**
   * A notice just queued for the account: listed at once, from the server's answer, and the list read
   * again behind it (delivery may have sent it already). A failed re-read keeps what is shown.
   */
  private showNotice(accountId: string, notice: AccountNotice) {
    if (accountId !== this.accountId) return;
    this.notices = [notice, ...(this.notices ?? []).filter((n) => n.id !== notice.id)];
    const read = (this.#noticesRead += 1);
    void this.desk.run((c) => getAccountNotices(c, accountId)).then(
      ({ notices }) => {
        if (accountId === this.accountId && read === this.#noticesRead) this.notices = notices;
      },
      () => undefined,
    );
  }

  /** A receipt emailed from "Take a payment": in the notices at once, and in the audit trail as the staff action it was. */
  private noticeQueued = (event: NoticeQueuedEvent) => {
    this.showNotice(this.accountId, event.detail.notice);
    this.readTrail(this.accountId);
  };

  /**
   * Reads the account's audit trail again after a staff action that changed nothing else shown
   * (a notice queued), so the action just done is listed without a reload. A failed re-read keeps
   * what is shown.
   */
  private readTrail(accountId: string) {
    if (accountId !== this.accountId) return;
    const read = (this.#trailRead += 1);
    void this.desk.run((c) => getAccountAudit(c, accountId)).then(
      (trail) => {
        if (accountId === this.accountId && read === this.#trailRead) this.trail = trail;
      },
      () => undefined,
    );
  }

  /** Emails the patient the link to change a plan's payment method, once however often it is clicked; then reads the notices again. */
  private async sendMethodLink(planId: string) {
    const accountId = this.accountId;
    const key = this.#linkKeys.get(planId) ?? crypto.randomUUID();
    this.#linkKeys.set(planId, key);
    this.linking = new Set(this.linking).add(planId);
    this.linkFailure = undefined;
    this.linkSentTo = undefined;
    try {
      const notice = await this.desk.run((c) => sendPlanMethodLink(c, planId, { idempotencyKey: key }));
      this.#linkKeys.delete(planId);
      this.linkSentTo = notice.to;
      this.readTrail(accountId);
      const { notices } = await this.desk.run((c) => getAccountNotices(c, accountId));
      if (accountId === this.accountId) this.notices = notices;
    } catch (error) {
      this.linkFailure = error;
    } finally {
      const rest = new Set(this.linking);
      rest.delete(planId);
      this.linking = rest;
    }
  }

  private changed = () => {
    void this.load();
  };

  private backToSearch = (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    this.navigate(BASE);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'console-account': ConsoleAccount;
  }
}
