import { PayForm } from './pay-form.js';

if (!customElements.get('pay-form')) customElements.define('pay-form', PayForm);

declare global {
  interface HTMLElementTagNameMap {
    'pay-form': PayForm;
  }
}

export { PayForm };
