import { PlanBuilder } from './plan-builder.js';

if (!customElements.get('plan-builder')) customElements.define('plan-builder', PlanBuilder);

declare global {
  interface HTMLElementTagNameMap {
    'plan-builder': PlanBuilder;
  }
}

export { PlanBuilder };
