import { html, nothing, css } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { getAccountAudit, getAccountDetail, type AccountDetail, type AuditTrail, type FeeView, type PracticePayment } from '@billpay/sdk/admin';
import { ConsolePage, pageStyles } from '../app/console-page.js';
import { deskWords, type DeskWords } from '../i18n/desk.js';
import { problemWords } from '../app/problems.js';
import { BASE } from '../app/routes.js';
import '../money/define.js';
import type { ConsoleMoneyDialog } from '../money/money-dialog.js';
import '../plans/plan-dialog.js';
import type { ConsolePlanDialog } from '../plans/plan-dialog.js';
import { plansSection } from '../plans/plan-section.js';
import { auditSection, feesSection, ledgerSection, paymentsSection, profileSection, statementsSection, type SectionContext } from './account-sections.js';

/**
 * One account as staff see it: who the patient is, the statements with their line items and
 * insurer notes, the ledger, payments with processor references and refunds, plans with their
 * schedule and charge attempts, fees, and the audit trail. Refunds, fees and plans (cancel, skip or
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
  @state() private problem = '';
  @query('console-money-dialog') private dialog!: ConsoleMoneyDialog;
  @query('console-plan-dialog') private planDialog!: ConsolePlanDialog;
  #loaded = '';

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
    this.problem = '';
    try {
      const [detail, trail] = await Promise.all([this.desk.run((c) => getAccountDetail(c, id)), this.desk.run((c) => getAccountAudit(c, id))]);
      if (id !== this.accountId) return;
      this.detail = detail;
      this.trail = trail;
    } catch (error) {
      this.problem = problemWords(error, this.t);
    }
  }

  override render() {
    const t = this.t;
    const detail = this.detail;
    const back = html`<p><a href=${BASE} @click=${this.backToSearch}>${t.backToSearch}</a></p>`;
    if (!detail || detail.id !== this.accountId) {
      return html`${back}<h1 tabindex="-1">${this.problem ? t.findAccountLink : t.loading}</h1><p class="problem" role="alert">${this.problem}</p>`;
    }
    const ctx: SectionContext = {
      t,
      locale: this.locale,
      mayChangeMoney: this.mayChangeMoney,
      onRefund: (payment: PracticePayment, opener: HTMLElement) => void this.dialog.open({ kind: 'refund', accountId: detail.id, payment }, opener),
      onWaive: (fee: FeeView, opener: HTMLElement) => void this.dialog.open({ kind: 'waive', accountId: detail.id, fee }, opener),
      onPlanEdit: (edit, opener) => void this.planDialog.open(edit, opener),
    };
    const section = (id: string, title: string, body: unknown, extra: unknown = nothing) =>
      html`<section aria-labelledby="${id}-title"><h2 id="${id}-title">${title}</h2>${extra}${body}</section>`;
    const name = `${detail.profile.firstName} ${detail.profile.lastName}`;
    return html`
      ${back}
      <h1 tabindex="-1">${t.accountOf(name)}</h1>
      <p class="problem" role="alert">${this.problem}</p>
      ${section('profile', t.profileTitle, profileSection(detail, ctx))}
      ${section('statements', t.statementsTitle, statementsSection(detail, ctx))}
      ${section('ledger', t.ledgerTitle, ledgerSection(detail, ctx))}
      ${section('payments', t.paymentsTitle, paymentsSection(detail, ctx))}
      ${section('plans', t.plansTitle, plansSection(detail, ctx))}
      ${section(
        'fees',
        t.feesTitle,
        feesSection(detail, ctx),
        this.mayChangeMoney
          ? html`<p><button type="button" class="secondary" @click=${(e: Event) => void this.dialog.open({ kind: 'add-fee', accountId: detail.id }, e.currentTarget as HTMLElement)}>${t.addFee}</button></p>`
          : nothing,
      )}
      ${section('audit', t.auditTitle, auditSection(this.trail, ctx))}
      <console-money-dialog .desk=${this.desk} locale=${this.locale} @console-money-changed=${this.changed}></console-money-dialog>
      <console-plan-dialog .desk=${this.desk} locale=${this.locale} @console-money-changed=${this.changed}></console-plan-dialog>
    `;
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
