import { BillSummary } from './bill-summary.js';

if (!customElements.get('bill-summary')) customElements.define('bill-summary', BillSummary);

declare global {
  interface HTMLElementTagNameMap {
    'bill-summary': BillSummary;
  }
}

export { BillSummary };
