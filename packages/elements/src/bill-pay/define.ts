import { BillPay } from './bill-pay.js';

if (!customElements.get('bill-pay')) customElements.define('bill-pay', BillPay);

declare global {
  interface HTMLElementTagNameMap {
    'bill-pay': BillPay;
  }
}

export { BillPay };
