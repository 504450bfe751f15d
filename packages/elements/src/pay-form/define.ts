import { BillPayReceipt } from './billpay-receipt.js';
import { PayForm } from './pay-form.js';

if (!customElements.get('billpay-receipt')) customElements.define('billpay-receipt', BillPayReceipt);
if (!customElements.get('pay-form')) customElements.define('pay-form', PayForm);

declare global {
  interface HTMLElementTagNameMap {
    'billpay-receipt': BillPayReceipt;
    'pay-form': PayForm;
  }
}

export { PayForm };
