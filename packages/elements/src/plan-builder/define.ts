import { BillPayPlanSchedule } from './billpay-plan-schedule.js';
import { PlanBuilder } from './plan-builder.js';

if (!customElements.get('billpay-plan-schedule')) customElements.define('billpay-plan-schedule', BillPayPlanSchedule);
if (!customElements.get('plan-builder')) customElements.define('plan-builder', PlanBuilder);

declare global {
  interface HTMLElementTagNameMap {
    'billpay-plan-schedule': BillPayPlanSchedule;
    'plan-builder': PlanBuilder;
  }
}

export { PlanBuilder };
