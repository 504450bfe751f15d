import { property } from 'lit/decorators.js';
import { BillPayElement } from '../base/billpay-element.js';
import { dataTableStyles } from '../data-table/data-table.styles.js';
import { tokens } from '../styles/shared.js';
import { scheduleTable, type ScheduleRow } from './plan-schedule.js';

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

  @property({ attribute: false }) rows: readonly ScheduleRow[] = [];
  /** What the payments come to. */
  @property({ attribute: false }) totalCents = 0;
  /** The table caption's id (unique among the schedules a page shows). */
  @property({ attribute: 'caption-id' }) captionId = 'schedule-caption';

  protected override render() {
    return scheduleTable(this.rows, this.totalCents, this.captionId, this.localize.locale);
  }
}
