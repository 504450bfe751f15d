import { html, nothing, css } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { getAging, getDeposits, getMoneyDay, type AgingReport, type DepositDay, type MoneyDay } from '@billpay/sdk/admin-desk';
import { formatDate, textField } from '@billpay/elements/parts.js';
import { ConsolePage, pageStyles } from '../app/console-page.js';
import { deskWords, type DeskWords } from '../i18n/desk.js';
import { problemWords } from '../app/problems.js';
import { agingSection, csvLink, dayLinesSection, dayTotalsSection, depositsSection, type MoneyContext } from './money-sections.js';

/** Accounts a page of the aging list. */
const AGING_PAGE = 100;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Money in and out: one day's payments, refunds and returns with totals by method, that day's
 * deposit reconciled against the processor (lines that differ first, said in words), and the aging
 * of balances; each downloadable as CSV. The day is the practice's today (as the server counts it,
 * in the practice's time zone) until staff choose another.
 */
@customElement('console-money')
export class ConsoleMoney extends ConsolePage {
  static override styles = [
    pageStyles,
    css`
      section + section {
        border-top: 1px solid var(--_border);
        margin-top: var(--_space);
      }
      .mismatch {
        border-inline-start-color: var(--_danger);
        border-inline-start-width: 6px;
      }
      .flag::before {
        content: '⚠ ';
      }
      .chooser {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem;
        align-items: flex-end;
      }
      .download {
        display: inline-block;
        min-height: 44px;
        padding-block: 0.5rem;
      }
    `,
  ];

  @state() private date = '';
  @state() private chosen = '';
  @state() private dateError: string | undefined;
  @state() private day: MoneyDay | undefined;
  @state() private deposits: DepositDay | undefined;
  @state() private aging: AgingReport | undefined;
  @state() private agingRows: AgingReport['rows'] = [];
  @state() private problem = '';
  @state() private busy = false;
  #started = false;

  override get t(): DeskWords {
    return deskWords(this.locale);
  }

  override willUpdate(): void {
    if (this.desk && !this.#started) {
      this.#started = true;
      void this.start();
    }
  }

  /** The aging answers with the practice's today: the day shown first. */
  private async start() {
    this.busy = true;
    try {
      const aging = await this.desk.run((c) => getAging(c, { limit: AGING_PAGE }));
      this.aging = aging;
      this.agingRows = aging.rows;
      this.chosen = aging.asOf;
      await this.loadDay(aging.asOf);
    } catch (error) {
      this.problem = problemWords(error, this.t);
    } finally {
      this.busy = false;
    }
  }

  private async loadDay(date: string) {
    const [day, deposits] = await Promise.all([this.desk.run((c) => getMoneyDay(c, date)), this.desk.run((c) => getDeposits(c, date))]);
    this.day = day;
    this.deposits = deposits;
    this.date = date;
  }

  private async choose(event: SubmitEvent) {
    event.preventDefault();
    const date = this.chosen.trim();
    if (!ISO_DATE.test(date)) {
      this.dateError = this.t.dayShape;
      this.renderRoot.querySelector<HTMLInputElement>('#day')?.focus();
      return;
    }
    this.dateError = undefined;
    this.problem = '';
    this.busy = true;
    try {
      await this.loadDay(date);
      this.announce(this.t.dayShown(formatDate(date, this.locale)));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#day-title')?.focus();
    } catch (error) {
      this.problem = problemWords(error, this.t);
    } finally {
      this.busy = false;
    }
  }

  private async moreAging() {
    const after = this.aging?.nextAfter;
    if (!after) return;
    this.busy = true;
    try {
      const page = await this.desk.run((c) => getAging(c, { limit: AGING_PAGE, after }));
      this.aging = page;
      this.agingRows = [...this.agingRows, ...page.rows];
      this.announce(this.t.moreShown(page.rows.length));
      await this.updateComplete;
      // The button is gone after the last page: focus goes back to the section's heading.
      if (!page.nextAfter) this.renderRoot.querySelector<HTMLElement>('#aging-title')?.focus();
    } catch (error) {
      this.problem = problemWords(error, this.t);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const t = this.t;
    const ctx: MoneyContext = { t, locale: this.locale };
    const { day, deposits, aging } = this;
    const shown = this.date ? formatDate(this.date, this.locale) : '';
    return html`
      <h1 tabindex="-1">${t.moneyTitle}</h1>
      <p class="problem" role="alert">${this.problem}</p>
      <form class="chooser" novalidate @submit=${this.choose}>
        ${textField({
          id: 'day',
          slot: 'day',
          label: t.dayLabel,
          hint: t.dayHint,
          value: this.chosen,
          error: this.dateError,
          errorPrefix: t.errorPrefix,
          autocomplete: 'off',
          type: 'date',
          onInput: (event) => {
            this.chosen = (event.target as HTMLInputElement).value;
          },
        })}
        <div class="actions"><button type="submit" ?disabled=${this.busy}>${t.showDay}</button></div>
      </form>
      ${!day || !deposits ? html`<p role="status">${this.problem ? nothing : t.loading}</p>` : nothing}
      ${day
        ? html`<section aria-labelledby="day-title">
            <h2 id="day-title" tabindex="-1">${t.dayTitle(shown)}</h2>
            ${csvLink('day', day.date, t.downloadDay(shown))} ${dayTotalsSection(day, ctx)} ${dayLinesSection(day, ctx)}
          </section>`
        : nothing}
      ${deposits
        ? html`<section aria-labelledby="deposits-title">
            <h2 id="deposits-title">${t.depositsTitle(shown)}</h2>
            ${csvLink('deposits', deposits.date, t.downloadDeposits(shown))} ${depositsSection(deposits, ctx)}
          </section>`
        : nothing}
      ${aging
        ? html`<section aria-labelledby="aging-title">
            <h2 id="aging-title" tabindex="-1">${t.agingTitle}</h2>
            ${csvLink('aging', undefined, t.downloadAging)}
            ${agingSection(
              aging,
              this.agingRows,
              ctx,
              aging.nextAfter ? html`<p><button type="button" class="secondary" ?disabled=${this.busy} @click=${() => void this.moreAging()}>${t.moreAccounts}</button></p>` : nothing,
            )}
          </section>`
        : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-money': ConsoleMoney;
  }
}
