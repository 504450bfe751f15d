/**
 * A plan's schedule as a table: the element `<plan-builder>` shows, and the table itself, which the
 * printed plan draws in its own document.
 */
import type { Plan } from '@billpay/sdk';
import { html, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { BillPayElement } from '../base/billpay-element.js';
import { dataTable } from '../data-table/data-table.js';
import { dataTableStyles } from '../data-table/data-table.styles.js';
import { formatDate, money } from '../i18n/format.js';
import { wordsOf, type Locale } from '../i18n/locales.js';
import { payBook, payWords } from '../i18n/pay.js';
import { planBook } from '../i18n/plans.js';
import { tokens } from '../styles/shared.js';

export interface ScheduleRow {
  readonly number: number;
  readonly kind: 'down_payment' | 'installment';
  readonly dueOn: string;
  readonly amountCents: number;
  readonly status: Plan['installments'][number]['status'] | undefined;
}

/** The schedule, as the one table every element shows (rows become cards where columns do not fit). */
export function scheduleTable(rows: readonly ScheduleRow[], totalCents: number, captionId: string, locale: Locale): TemplateResult {
  const t = payWords(locale);
  const p = wordsOf(planBook, locale);
  const withStatus = rows.some((row) => row.status);
  const offset = rows[0]?.kind === 'down_payment' ? 1 : 0;
  // "1" alone says little on a card: there it reads "Payment 1" (a label screen readers skip, as the column header says it).
  const number = (n: number) => html`<span class="cell-label" aria-hidden="true">${p.planColNumber}</span> ${n}`;
  return dataTable({
    id: captionId,
    caption: p.planScheduleCaption,
    columns: [
      { label: p.planColNumber, kind: 'header' },
      { label: p.planColDate, kind: 'lead' },
      { label: p.planColAmount, kind: 'money' },
      ...(withStatus ? [{ label: p.planColStatus, kind: 'text' } as const] : []),
    ],
    rows: rows.map((row) => [
      row.kind === 'down_payment' ? p.planDownPaymentRow : number(row.number - offset),
      formatDate(row.dueOn, locale),
      money(row.amountCents, locale),
      ...(withStatus ? [row.status ? p.planInstallmentStatus[row.status] : ''] : []),
    ]),
    total: { label: t.total, cells: [money(totalCents, locale), ...(withStatus ? [''] : [])] },
    stackBelow: withStatus ? 'medium' : 'narrow',
    part: 'schedule',
  });
}

/**
 * A plan's schedule: each payment's date and amount (and, once the plan is set up, its status) and
 * the total, as a table whose rows read as cards where its columns do not fit. Internal:
 * `<plan-builder>` shows it as the plan is chosen, on the review and once the plan is set up.
 *
 * @summary A payment plan's schedule as a table, inside `<plan-builder>`.
 * @tag billpay-plan-schedule
 *
 * @csspart schedule - The schedule's table box.
 */
export class BillPayPlanSchedule extends BillPayElement {
  static override styles = [tokens, dataTableStyles];

  constructor() {
    super();
    // Drawn in these books' words too: each update waits for the element's language of them.
    this.localize.uses(payBook, planBook);
  }

  @property({ attribute: false }) rows: readonly ScheduleRow[] = [];
  /** What the payments come to. */
  @property({ attribute: false }) totalCents = 0;
  /** The table caption's id (unique among the schedules a page shows). */
  @property({ attribute: 'caption-id' }) captionId = 'schedule-caption';

  protected override render() {
    return scheduleTable(this.rows, this.totalCents, this.captionId, this.localize.locale);
  }
}
